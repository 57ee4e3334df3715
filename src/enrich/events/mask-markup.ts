/**
 * HTML remnants in article text (`<p>`, `&nbsp;`) blanked without moving anything: every tag and character
 * reference is replaced by text of the same length, so an offset into the result is an offset into the input.
 */

/** Tags that end a block: they become a paragraph break, which always ends a sentence. */
const blockTag =
  /^<\/?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|header|footer|hr)\b/i;
/** A tag or comment, bounded so a stray `<` cannot make the scan quadratic. */
const markup =
  /<(?:\/?[a-zA-Z][^<>]{0,300}|!--[\s\S]{0,2000}?--)>|&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});/g;

const namedCharacters = new Map<string, string>([
  ['nbsp', ' '],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
  ['lt', '<'],
  ['gt', '>'],
  ['laquo', '«'],
  ['raquo', '»'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['mdash', '—'],
  ['ndash', '–'],
  ['hellip', '…'],
]);

/** `text` with tags, comments and character references blanked to same-length spaces (block tags to a paragraph break). */
export function maskMarkup(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  return text.replace(markup, (found) => {
    if (found.startsWith('&')) return padTo(decodeReference(found.slice(1, -1)), found.length);
    return blockTag.test(found) ? padTo('\n\n', found.length) : ' '.repeat(found.length);
  });
}

function decodeReference(name: string): string {
  if (name.startsWith('#')) {
    const code =
      name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    // Controls, surrogates and out-of-range code points become a space rather than a broken character.
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0xd800 && code < 0xe000) || code > 0x10ffff)
      return ' ';
    const character = String.fromCodePoint(code);
    return character.length === 1 ? (code === 0xa0 ? ' ' : character) : ' ';
  }
  return namedCharacters.get(name.toLowerCase()) ?? ' ';
}

function padTo(value: string, length: number): string {
  return value.length >= length ? value.slice(0, length) : value + ' '.repeat(length - value.length);
}
