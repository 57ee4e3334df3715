/**
 * The "Save this search" form, on the results page (under a query, folded) and on `/watch`: a name
 * (the query's own text to start with), the query, shared with the team or not, a daily digest or
 * none, and an optional webhook URL. It posts to `/watch` with the session's form token; only an
 * analyst's or an admin's page carries it.
 */

/** What the form holds: a refused save gives back what was typed. */
export interface SaveFormValues {
  name: string;
  query: string;
  shared: boolean;
  digest: 'none' | 'daily';
  webhook: string;
}

/** The longest name a saved search may have (save-search.ts checks it again). */
export const maxSearchNameLength = 120;

/** The form's values for saving `query`: its text as the name, cut to the longest a name may be. */
export function valuesForQuery(query: string): SaveFormValues {
  const name = Array.from(query.trim().replace(/\s+/g, ' ')).slice(0, maxSearchNameLength).join('');
  return { name, query, shared: false, digest: 'none', webhook: '' };
}

/**
 * The form; `queryField` 'hidden' keeps the query as it is (the results page, where it is the page's
 * own query, shown above), 'text' lets it be typed (`/watch`).
 */
export function SaveSearchForm(props: {
  formToken: string;
  values: SaveFormValues;
  queryField: 'hidden' | 'text';
}) {
  const { values } = props;
  return (
    <form class="account-form save-search-form" method="post" action="/watch">
      <input type="hidden" name="_csrf" value={props.formToken} />
      {props.queryField === 'hidden' ? (
        <input type="hidden" name="query" value={values.query} />
      ) : (
        <label class="account-field">
          Query (the query language of the search box)
          <input name="query" required maxLength={1000} value={values.query} autocomplete="off" />
        </label>
      )}
      <label class="account-field">
        Name
        <input name="name" required maxLength={maxSearchNameLength} value={values.name} autocomplete="off" />
      </label>
      <label>
        <input type="checkbox" name="shared" value="1" checked={values.shared} /> Shared with the team
        (everyone signed in sees it and its alerts)
      </label>
      <label class="account-field">
        Digest by e-mail
        <select name="digest">
          <option value="none" selected={values.digest === 'none'}>
            none: alerts in the inbox only
          </option>
          <option value="daily" selected={values.digest === 'daily'}>
            daily
          </option>
        </select>
      </label>
      <label class="account-field">
        Webhook URL (optional: each alert is POSTed here, signed)
        <input
          name="webhook"
          type="url"
          maxLength={2048}
          value={values.webhook}
          autocomplete="off"
          placeholder="https://…"
        />
      </label>
      <button type="submit">Save this search</button>
    </form>
  );
}
