/**
 * When a page says its article was published, from the most to the least deliberate declaration:
 * JSON-LD `datePublished` of an Article (NewsArticle, BlogPosting, …), `<meta property=
 * "article:published_time">`, `<meta name="date|pubdate|DC.date.issued">`, then the first
 * `<time datetime>` inside the extracted article. The first value that parses and is plausible wins.
 */
import { parseArticleDate } from '../bulk/parse-article-date.ts';
import { firstString, readJsonLdArticles } from './read-json-ld.ts';

/** `<meta name>` values that carry the publication date, lower case (Parse.ly's is common on news sites). */
const dateMetaNames = ['date', 'pubdate', 'dc.date.issued', 'parsely-pub-date'];

/** No web page was published before the web existed: earlier dates are CMS placeholders (0001-01-01). */
const earliestPlausible = Date.UTC(1991, 0, 1);
/** How far after the fetch a date may lie: publishers stamp local times as UTC, a day covers every zone. */
const allowedFutureMs = 24 * 60 * 60 * 1000;

/**
 * The page-level date declarations (JSON-LD, then meta tags), raw, in order of preference. Read before
 * Readability runs: it removes the `<script>` elements that hold JSON-LD.
 */
export function findDeclaredDates(document: Document): string[] {
  const dates: string[] = [];
  for (const article of readJsonLdArticles(document)) {
    const value = firstString(article.datePublished);
    if (value !== undefined) dates.push(value);
  }
  const metas = Array.from(document.querySelectorAll('meta'));
  const metaContent = (matches: (meta: Element) => boolean) =>
    metas.filter(matches).flatMap((meta) => meta.getAttribute('content') ?? []);
  dates.push(
    ...metaContent((meta) => attribute(meta, 'property') === 'article:published_time'),
    ...metaContent((meta) => dateMetaNames.includes(attribute(meta, 'name'))),
  );
  return dates;
}

/** The `datetime` values of the `<time>` elements inside `content` (the extracted article), in order. */
export function findTimeDates(content: Element): string[] {
  return Array.from(content.querySelectorAll('time')).flatMap((time) => time.getAttribute('datetime') ?? []);
}

/**
 * The first of `candidates` that parses (parseArticleDate's forms) to a date between 1991 and a day
 * after `fetchedAt`, as an ISO UTC string; undefined when none does.
 */
export function pickPublishedDate(candidates: readonly string[], fetchedAt: Date): string | undefined {
  const latest = fetchedAt.getTime() + allowedFutureMs;
  for (const candidate of candidates) {
    const parsed = parseArticleDate(candidate);
    if (parsed === null) continue;
    const time = Date.parse(parsed);
    if (time >= earliestPlausible && time <= latest) return parsed;
  }
  return undefined;
}

function attribute(element: Element, name: string): string {
  return element.getAttribute(name)?.trim().toLowerCase() ?? '';
}
