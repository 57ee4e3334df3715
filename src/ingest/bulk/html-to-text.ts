/**
 * A deliberately small HTML-to-text conversion for imported `html` fields.
 *
 * It only has to produce searchable plain text, not a faithful rendering: the real sanitiser (which
 * will also keep a safe HTML copy) arrives with the ingestion work. Regexes are fine here because the
 * output is never rendered as HTML, so a tag we fail to strip is only noise in the text, not a hole.
 */

/** Named entities common in news HTML; anything else is left as written. */
const namedEntities = new Map<string, string>([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
  ['ndash', '\u2013'],
  ['mdash', '\u2014'],
  ['hellip', '\u2026'],
  ['lsquo', '\u2018'],
  ['rsquo', '\u2019'],
  ['ldquo', '\u201c'],
  ['rdquo', '\u201d'],
  ['laquo', '\u00ab'],
  ['raquo', '\u00bb'],
  ['copy', '\u00a9'],
  ['reg', '\u00ae'],
  ['deg', '\u00b0'],
  ['shy', ''],
]);

/** Elements whose content is never article text. */
const droppedElements = /<(script|style|noscript|template|svg|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Tags that start or end a paragraph when rendered. */
const blockTags =
  /<\/?(p|div|hr|li|ul|ol|h[1-6]|tr|table|blockquote|section|article|header|footer|figure|figcaption|pre)\b[^>]*>/gi;

/** Plain text of an HTML fragment: tags stripped, entities decoded, paragraphs as blank-line-separated lines. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(droppedElements, '')
      .replace(/<br\b[^>]*>/gi, '\n')
      .replace(blockTags, '\n\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Decodes `&name;`, `&#123;` and `&#x1F4A9;`; an invalid code point becomes U+FFFD, as browsers do. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : '\ufffd';
    }
    return namedEntities.get(body.toLowerCase()) ?? whole;
  });
}
