/**
 * Where the pages next to one page of an offset-paged list start, and their links, for
 * GET /api/v1/saved-searches (limit and offset, as the events and entities lists page).
 */

/** One page of a list: `limit` items from `offset`, out of `total`. */
export interface OffsetPage {
  total: number;
  limit: number;
  offset: number;
}

/** The next and previous pages' offsets (null: none) and their paths under `path`. */
export interface OffsetPageLinks {
  nextOffset: number | null;
  prevOffset: number | null;
  links: { next: string | null; prev: string | null };
}

/**
 * The pages before and after `page`. The previous page never starts past the last page that holds
 * anything, so a client following a stale link past the end (searches removed since) finds its way back.
 */
export function offsetPageLinks(path: string, page: OffsetPage): OffsetPageLinks {
  const { total, limit, offset } = page;
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const nextOffset = offset + limit < total ? offset + limit : null;
  const prevOffset = offset === 0 ? null : Math.max(0, Math.min(offset - limit, lastOffset));
  const linkTo = (to: number | null) =>
    to === null ? null : `${path}?${new URLSearchParams({ limit: String(limit), offset: String(to) })}`;
  return { nextOffset, prevOffset, links: { next: linkTo(nextOffset), prev: linkTo(prevOffset) } };
}
