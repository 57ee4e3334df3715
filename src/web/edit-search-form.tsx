/**
 * The "Edit this search" form on `/watch/ID`, for its owner or an admin: its name, query and webhook
 * URL (blank removes the webhook) and a box to give the webhook a new signing secret. It posts to
 * `/watch/ID/edit` with the session's form token. A refused edit comes back with what was typed and
 * the reason next to the field at fault: a malformed query with the parser's message and a caret under
 * its column.
 */
import type { AppError } from '../core/errors.ts';
import type { SavedSearch } from '../store/saved-searches.ts';
import type { SearchField } from '../watch/searches/save-search.ts';
import { QueryErrorBox } from './query-error-box.tsx';
import { maxSearchNameLength } from './save-search-form.tsx';

/** What the form holds: the search as it is, or what was typed when an edit was refused. */
export interface EditFormValues {
  name: string;
  query: string;
  webhook: string;
  rotate: boolean;
}

/** Why an edit was refused, and which field it was about (null: none in particular). */
export interface EditFormError {
  field: SearchField | null;
  error: AppError;
}

/** The form's values for `search` as it is. */
export function valuesOfSearch(search: SavedSearch): EditFormValues {
  return { name: search.name, query: search.query, webhook: search.webhookUrl ?? '', rotate: false };
}

/** The refusal under a field, tied to its input by `aria-describedby`. */
function FieldError({ id, problem }: { id: string; problem: EditFormError | undefined }) {
  if (problem === undefined) return null;
  return (
    <p class="form-error field-error" id={id}>
      {problem.error.message}
    </p>
  );
}

/** Where a field's refusal is shown: beside that field, or above the form when it names none. */
const errorOf = (problem: EditFormError | undefined, field: SearchField) =>
  problem?.field === field ? problem : undefined;

export function EditSearchForm(props: {
  searchId: number;
  formToken: string;
  values: EditFormValues;
  problem?: EditFormError | undefined;
}) {
  const { values, problem } = props;
  const nameError = errorOf(problem, 'name');
  const queryError = errorOf(problem, 'query');
  const webhookError = errorOf(problem, 'webhookUrl') ?? errorOf(problem, 'rotateSecret');
  const elsewhere =
    problem !== undefined && !['name', 'query', 'webhookUrl', 'rotateSecret'].includes(problem.field ?? '');
  const invalid = (error: EditFormError | undefined, id: string) =>
    error === undefined ? {} : { 'aria-invalid': 'true' as const, 'aria-describedby': id };
  return (
    <form class="account-form edit-search-form" method="post" action={`/watch/${props.searchId}/edit`}>
      <input type="hidden" name="_csrf" value={props.formToken} />
      {elsewhere ? <FieldError id="edit-error" problem={problem} /> : null}
      <label class="account-field">
        Name
        <input
          name="name"
          required
          maxLength={maxSearchNameLength}
          value={values.name}
          autocomplete="off"
          {...invalid(nameError, 'edit-name-error')}
        />
      </label>
      <FieldError id="edit-name-error" problem={nameError} />
      <label class="account-field">
        Query (a new one applies to articles ingested from now on: the archive is not searched again, and the
        hits found so far stay)
        <input
          name="query"
          required
          maxLength={1000}
          value={values.query}
          autocomplete="off"
          {...invalid(queryError, 'edit-query-error')}
        />
      </label>
      {queryError !== undefined ? (
        <div id="edit-query-error">
          <QueryErrorBox error={queryError.error} query={values.query} label="The new query" />
        </div>
      ) : null}
      <label class="account-field">
        Webhook URL (blank: no webhook; removing it marks the deliveries still pending failed)
        <input
          name="webhook"
          type="url"
          maxLength={2048}
          value={values.webhook}
          autocomplete="off"
          placeholder="https://…"
          {...invalid(webhookError, 'edit-webhook-error')}
        />
      </label>
      <label>
        <input type="checkbox" name="rotate" value="1" checked={values.rotate} /> Give the webhook a new
        signing secret (shown once; a changed URL otherwise keeps its secret)
      </label>
      <FieldError id="edit-webhook-error" problem={webhookError} />
      <button type="submit">Save the changes</button>
    </form>
  );
}
