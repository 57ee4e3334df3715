/** Numbered pages with previous/next links (`rel=prev`/`rel=next`), around the current page. */
import { maxResultOffset } from '../store/store.ts';

/** What the pager needs; `href(page)` builds the link to one page. */
export interface PagerProps {
  page: number;
  perPage: number;
  total: number;
  href: (page: number) => string;
  /**
   * The "next" link when it differs from `href(page + 1)`: the same page reached by cursor
   * (`after=`), which the store finds by keyset instead of counting past every earlier result.
   */
  nextHref?: string | undefined;
}

/** How many numbered pages are shown on each side of the current one. */
const pagerRadius = 3;

/** The last page a link may lead to: the end of the results, or the deepest page the store serves. */
export function lastPage(total: number, perPage: number): number {
  return Math.max(1, Math.min(Math.ceil(total / perPage), Math.ceil(maxResultOffset / perPage)));
}

/** The pages shown as numbers: the first, the last, and a window around the current one (0 = a gap). */
export function pagerPages(page: number, last: number): number[] {
  const pages: number[] = [];
  const from = Math.max(1, page - pagerRadius);
  const to = Math.min(last, page + pagerRadius);
  if (from > 1) pages.push(1);
  if (from > 2) pages.push(0);
  for (let at = from; at <= to; at++) pages.push(at);
  if (to < last - 1) pages.push(0);
  if (to < last) pages.push(last);
  return pages;
}

/** The pager, or nothing when everything fits on one page. */
export function Pager({ page, perPage, total, href, nextHref }: PagerProps) {
  const last = lastPage(total, perPage);
  if (last <= 1 && page <= 1) return null;
  return (
    <nav class="pager" aria-label="Result pages">
      <ul>
        {page > 1 ? (
          <li>
            <a rel="prev" href={href(Math.min(page - 1, last))}>
              ← Previous
            </a>
          </li>
        ) : null}
        {pagerPages(Math.min(page, last), last).map((at, index) =>
          at === 0 ? (
            <li key={`gap-${index}`} class="gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={at}>
              {at === page ? (
                <span aria-current="page">{at}</span>
              ) : (
                <a href={href(at)} aria-label={`Page ${at}`}>
                  {at}
                </a>
              )}
            </li>
          ),
        )}
        {page < last ? (
          <li>
            <a rel="next" href={nextHref ?? href(page + 1)}>
              Next →
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
