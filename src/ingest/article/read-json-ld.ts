/**
 * Reads the schema.org article objects a page declares in `<script type="application/ld+json">`.
 *
 * The JSON is the page's, so it is hostile: a block that does not parse is skipped (publishers ship
 * broken JSON-LD often, and the other date sources still apply), and the walk is bounded in size,
 * depth and node count so a crafted graph cannot cost more than a glance.
 */

/** The longest JSON-LD block read, in characters; bigger blocks are skipped unread. */
export const maxJsonLdLength = 1_000_000;
/** How deep into nested objects and arrays the search for article objects goes. */
const maxDepth = 8;
/** How many objects and arrays are visited in one block at most. */
const maxVisited = 10_000;

/** schema.org types that describe an article: Article and its subtypes (NewsArticle, BlogPosting, …). */
const articleType = /^(?:https?:\/\/schema\.org\/)?\w*(?:Article|BlogPosting|Posting|Report)$/i;

/** A JSON object from a JSON-LD block, fields unchecked. */
export type JsonLdObject = Record<string, unknown>;

/** The article objects (Article or a subtype) in the page's JSON-LD blocks, in document order. */
export function readJsonLdArticles(document: Document): JsonLdObject[] {
  const found: JsonLdObject[] = [];
  for (const script of Array.from(document.querySelectorAll('script'))) {
    const type = script.getAttribute('type')?.trim().toLowerCase();
    if (type !== 'application/ld+json') continue;
    const source = script.textContent ?? '';
    if (source.length > maxJsonLdLength) continue;
    let data: unknown;
    try {
      // Some CMSs wrap the JSON in <!-- --> or CDATA markers; browsers' JSON-LD readers ignore them.
      data = JSON.parse(
        source.replace(/^\s*(?:<!--|(?:\/\/\s*)?<!\[CDATA\[)|(?:-->|(?:\/\/\s*)?\]\]>)\s*$/g, ''),
      );
    } catch {
      continue;
    }
    collectArticles(data, found);
  }
  return found;
}

/** Walks `data` breadth-first (bounded) and appends every object whose @type is an article type. */
function collectArticles(data: unknown, found: JsonLdObject[]): void {
  let level: unknown[] = [data];
  let visited = 0;
  for (let depth = 0; depth <= maxDepth && level.length > 0; depth += 1) {
    const next: unknown[] = [];
    for (const value of level) {
      if (value === null || typeof value !== 'object') continue;
      visited += 1;
      if (visited > maxVisited) return;
      if (Array.isArray(value)) {
        // One by one, not next.push(...value): a million-entry array would overflow the call stack.
        for (const entry of value) {
          if (next.length >= maxVisited) break;
          next.push(entry);
        }
        continue;
      }
      const object = value as JsonLdObject;
      if (hasArticleType(object['@type'])) found.push(object);
      // Articles sit at the top, in @graph, or under mainEntity / mainEntityOfPage of a WebPage.
      for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage']) {
        if (Object.hasOwn(object, key)) next.push(object[key]);
      }
    }
    level = next;
  }
}

function hasArticleType(type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((entry) => typeof entry === 'string' && articleType.test(entry.trim()));
}

/** The first string among `value` (a string, or an array whose strings are tried in order). */
export function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.find((entry): entry is string => typeof entry === 'string');
  return undefined;
}
