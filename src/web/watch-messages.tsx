/**
 * What the saved-search pages say after a form: done (with what an edit changed and the note a new
 * query calls for), refused (a malformed query with its caret), and a secret shown once — a new
 * search's feed URL and webhook secret, or the webhook secret an edit made.
 */
import type { AppError } from '../core/errors.ts';
import { FormOutcome } from './form-outcome.tsx';
import { QueryErrorBox } from './query-error-box.tsx';

/** What a page tells after a form: done, refused (a malformed query also shows its caret), a secret. */
export interface WatchMessages {
  notice?: string;
  error?: string;
  queryError?: { error: AppError; query: string };
  /** A new search's feed URL and webhook signing secret, shown in the answer that saved it only. */
  created?: { id: number; name: string; feedUrl: string; webhookSecret: string | null };
  /** What an edit changed, in words, and the note it calls for (a new query is not back-filled). */
  changes?: { list: string[]; note: string | null };
  /** A webhook signing secret an edit made, shown in the answer to that edit only. */
  newWebhookSecret?: string | null;
}

/** The page's messages, first under its heading. */
export function Messages({ messages }: { messages: WatchMessages }) {
  const { notice, error, queryError, created, changes, newWebhookSecret } = messages;
  return (
    <>
      <FormOutcome error={error} />
      {queryError !== undefined ? (
        <QueryErrorBox error={queryError.error} query={queryError.query} label="The query to save" />
      ) : null}
      <FormOutcome notice={notice} />
      {changes !== undefined && changes.list.length > 0 ? (
        <ul class="watch-changes">
          {changes.list.map((change) => (
            <li key={change}>{change}</li>
          ))}
        </ul>
      ) : null}
      {changes?.note ? <p class="account-help watch-change-note">{`Note: ${changes.note}.`}</p> : null}
      {newWebhookSecret ? (
        <div class="admin-secret" role="status">
          <p>
            New webhook signing secret, shown only now: <code class="shown-once">{newWebhookSecret}</code>
          </p>
          <SignatureHelp />
        </div>
      ) : null}
      {created !== undefined ? (
        <div class="admin-secret" role="status">
          <p>
            Its Atom feed of alerts (keep the URL private):{' '}
            <code class="feed-url-once">{created.feedUrl}</code>
          </p>
          {created.webhookSecret !== null ? (
            <>
              <p>
                Webhook signing secret, shown only now:{' '}
                <code class="shown-once">{created.webhookSecret}</code>
              </p>
              <SignatureHelp />
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function SignatureHelp() {
  return (
    <p class="account-help">
      The receiver checks x-wirewatch-signature: t=&lt;seconds&gt;,v1=hex(HMAC-SHA256(secret,
      "&lt;seconds&gt;.&lt;body&gt;")).
    </p>
  );
}
