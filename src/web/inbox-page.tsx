/**
 * The inbox: the alerts of the saved searches a user may see (their own and the shared ones), newest
 * first, unread marked, each with its search, headline, source, date and why it alerted; mark one or
 * all read. Per user and never cached.
 */
import type { Article } from '../core/article.ts';
import type { InboxEntry } from '../store/saved-searches.ts';
import { Layout } from './layout.tsx';
import { renderDocument } from './render-document.ts';

export function renderInboxPage(props: {
  entries: { entry: InboxEntry; article: Article | null }[];
  unread: number;
  formToken: string;
}): string {
  return renderDocument(
    <Layout title="Inbox">
      <h1>Inbox</h1>
      <p>
        <a href="/watch">Saved searches</a>
      </p>
      <p id="inbox-count">
        {props.unread === 0
          ? 'No unread alerts.'
          : `${props.unread} unread alert${props.unread === 1 ? '' : 's'}.`}
      </p>
      {props.unread > 0 ? (
        <form class="account-form" method="post" action="/inbox/read">
          <input type="hidden" name="_csrf" value={props.formToken} />
          <input type="hidden" name="all" value="1" />
          <button type="submit">Mark all read</button>
        </form>
      ) : null}
      {props.entries.length === 0 ? (
        <p>
          Saved searches tell you here when something new matches: search, then “Save this search” on the
          results.
        </p>
      ) : (
        <ol class="inbox">
          {props.entries.map(({ entry, article }) => (
            <li class={entry.readAt === null ? 'inbox-entry unread' : 'inbox-entry'}>
              <p class="inbox-search">
                {entry.readAt === null ? <strong>New · </strong> : null}
                {entry.savedSearchName} · {entry.why}
              </p>
              <h2 class="inbox-title">
                <a href={`/articles/${entry.articleId}`}>
                  {article?.title ?? `Article ${entry.articleId} (removed)`}
                </a>
              </h2>
              <p class="inbox-meta">
                {article?.source ?? ''}
                {article?.publishedAt ? ` · ${article.publishedAt.slice(0, 10)}` : ''}
              </p>
              {entry.readAt === null ? (
                <form method="post" action="/inbox/read">
                  <input type="hidden" name="_csrf" value={props.formToken} />
                  <input type="hidden" name="hit" value={`${entry.savedSearchId}:${entry.articleId}`} />
                  <button type="submit">Mark read</button>
                </form>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Layout>,
  );
}
