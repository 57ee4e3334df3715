/**
 * A saved search refused for one of its fields, as the API answers it: the check's own code, status
 * and message, `errors` pointing at the body field (`/query`, `/webhook_url`…) and, for a malformed
 * query, the parser's `location` (its column) — so a program knows which field to fix and where.
 */
import type { ErrorLocation } from '../../core/errors.ts';
import { type SearchField, SearchFieldError } from '../../watch/searches/save-search.ts';
import { RequestFieldsError } from '../problem-details.ts';

/** The body member each field is sent as. */
const bodyMember: Record<SearchField, string> = {
  name: 'name',
  query: 'query',
  webhookUrl: 'webhook_url',
  digest: 'digest',
  rotateSecret: 'rotate_secret',
};

/** RequestFieldsError keeps no location; this one carries the parser's too. */
class SearchFieldProblem extends RequestFieldsError {
  override readonly location: ErrorLocation | undefined;

  constructor(error: SearchFieldError) {
    super(error.code, error.message, [
      { in: 'body', pointer: `/${bodyMember[error.field]}`, message: error.message },
    ]);
    this.location = error.location;
  }
}

/** Runs `work`; a SearchFieldError it throws becomes the problem naming its body field. */
export async function withFieldProblems<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof SearchFieldError ? new SearchFieldProblem(error) : error;
  }
}
