/**
 * Plain text from untrusted HTML, for the search index and for titles.
 *
 * sanitize-html does the parsing (every HTML5 named entity decoded, script-like elements dropped with
 * their contents) and keeps only the block tags that mark paragraph breaks; the bulk importer's
 * htmlToText then turns those into blank lines. Its entity table is small, which is enough here:
 * sanitize-html's output escapes only `&`, `<`, `>` and `"`.
 */
import sanitizeHtml from 'sanitize-html';
import { htmlToText } from '../bulk/html-to-text.ts';

/** The tags htmlToText reads as line or paragraph breaks. */
const breakTags = [
  'br',
  'p',
  'div',
  'hr',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'figure',
  'figcaption',
  'pre',
];

const droppedWithContent = ['script', 'style', 'noscript', 'template', 'textarea', 'option', 'svg', 'head'];

/** Plain text of an HTML fragment: entities decoded, tags gone, paragraphs as blank-line-separated lines. */
export function htmlToPlainText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/[ \t\f\v\u00a0]+/g, ' ').trim();
  const blocksOnly = sanitizeHtml(html, {
    allowedTags: breakTags,
    allowedAttributes: {},
    nonTextTags: droppedWithContent,
    enforceHtmlBoundary: false,
  });
  return htmlToText(blocksOnly);
}

/** One line of plain text (a title, an author): as htmlToPlainText, with every whitespace run one space. */
export function htmlToInlineText(html: string): string {
  return htmlToPlainText(html).replace(/\s+/g, ' ').trim();
}

/** The text as one line with whitespace runs collapsed, for values that are already plain text. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
