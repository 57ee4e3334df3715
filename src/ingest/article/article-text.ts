/**
 * The plain text the search index gets for an extracted article, and the one-line form of its
 * metadata (title, byline, excerpt).
 */
import { htmlToText } from '../bulk/html-to-text.ts';

/**
 * Characters never kept in text: C0/C1 controls but the whitespace ones (the stores mark search matches
 * with U+0002/U+0003), and the invisible characters that sit inside words and break them apart for search (soft hyphen,
 * zero-width space, word joiner, BOM).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const unwantedCharacters = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u200b\u2060\ufeff]/g;

/**
 * Plain text of sanitised article HTML: paragraphs as blank-line-separated lines, whitespace collapsed,
 * entities decoded (htmlToText). Table cells and definition terms, which htmlToText joins to their
 * neighbours, are first given a separating space or line.
 */
export function articleText(sanitizedHtml: string): string {
  // The input is sanitize-html's output, so its tags are canonical (lower case, no stray spaces).
  const separated = sanitizedHtml
    .replace(/\r\n?/g, '\n')
    .replace(/<\/(?:td|th)>/g, ' $&')
    .replace(/<(?:dt|dd|caption)[ >]/g, '<br>$&');
  return htmlToText(separated).replace(unwantedCharacters, '');
}

/** `value` as one trimmed line (whitespace runs collapsed, controls removed), cut to `maxLength` characters. */
export function cleanLine(value: string | null | undefined, maxLength: number): string | undefined {
  const line = (value ?? '').replace(unwantedCharacters, '').replace(/\s+/g, ' ').trim();
  if (line === '') return undefined;
  if (line.length <= maxLength) return line;
  return `${line.slice(0, maxLength - 1).trimEnd()}\u2026`;
}
