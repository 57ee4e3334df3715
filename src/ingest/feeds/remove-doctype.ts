/**
 * Removes a feed's DOCTYPE before parsing, as feedparser does. feedsmith never expands entities, but
 * its XML parser refuses a whole document that declares an external entity; a feed is more useful
 * parsed with its `&entity;` references left as inert text. Nothing a DOCTYPE declares is ever
 * fetched or expanded: no file read (XXE), no exponential text (billion laughs).
 */

/** The text without its `<!DOCTYPE …>` (internal subset included); whether one was there and declared entities. */
export function removeDoctype(text: string): { text: string; removed: boolean; declaredEntities: boolean } {
  const start = findDoctype(text);
  if (start === -1) return { text, removed: false, declaredEntities: false };
  const end = doctypeEnd(text, start + '<!DOCTYPE'.length);
  // An unterminated DOCTYPE swallows the document; leave it for the parser to report.
  if (end === -1) return { text, removed: false, declaredEntities: false };
  const doctype = text.slice(start, end);
  // Keep the line breaks so that line numbers in later errors still match the original.
  const newlines = doctype.replace(/[^\n]/g, '');
  return {
    text: text.slice(0, start) + newlines + text.slice(end),
    removed: true,
    declaredEntities: /<!ENTITY/i.test(doctype),
  };
}

/** Where the DOCTYPE starts, when it comes before the root element (only the prolog may hold one). */
function findDoctype(text: string): number {
  let index = 0;
  while (index < text.length) {
    const open = text.indexOf('<', index);
    if (open === -1) return -1;
    if (text.startsWith('<?', open)) {
      index = text.indexOf('?>', open);
    } else if (text.startsWith('<!--', open)) {
      index = text.indexOf('-->', open);
    } else if (text.slice(open, open + 9).toUpperCase() === '<!DOCTYPE') {
      return open;
    } else {
      return -1;
    }
    if (index === -1) return -1;
    index += 2;
  }
  return -1;
}

/** The index just past the DOCTYPE's closing `>`, skipping quoted strings, comments and the `[…]` subset. */
function doctypeEnd(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const char = text[i];
    if (char === '"' || char === "'") {
      const close = text.indexOf(char, i + 1);
      if (close === -1) return -1;
      i = close + 1;
      continue;
    }
    if (text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close === -1) return -1;
      i = close + 3;
      continue;
    }
    if (char === '[') depth++;
    else if (char === ']') depth = Math.max(0, depth - 1);
    else if (char === '>' && depth === 0) return i + 1;
    i++;
  }
  return -1;
}
