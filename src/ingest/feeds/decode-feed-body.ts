/**
 * Turns a feed's bytes into text with the fetcher's decodeBody (byte-order mark, then the server's
 * charset, then the `<?xml encoding?>` declaration, then UTF-8, each checked against the bytes), plus
 * what feeds need on top: stray windows-1252 bytes mapped to the characters they meant, and a refusal
 * of bodies that are not text at all.
 */
import { AppError } from '../../core/errors.ts';
import { decodeBody } from '../fetch/decode-body.ts';

/** Decoded text and how its encoding was chosen. */
export interface DecodedFeedBody {
  text: string;
  /** The WHATWG name of the encoding used. */
  encoding: string;
  /** Why the encoding is not what the feed or server said, for the feed's warnings. */
  warnings: string[];
}

/** Decodes a feed body; `contentType` is the HTTP header, if any. Throws FEED_EMPTY or FEED_BAD_ENCODING. */
export function decodeFeedBody(body: Buffer | string, url: string, contentType?: string): DecodedFeedBody {
  if (typeof body === 'string')
    return { text: demoronize(body.replace(/^\ufeff/, '')), encoding: 'utf-8', warnings: [] };
  if (body.length === 0) throw new AppError('FEED_EMPTY', `the feed at ${url} is empty (0 bytes)`);
  const { mediaType, charset } = splitContentType(contentType);
  const decoded = decodeBody({ body, contentType: mediaType, ...(charset === undefined ? {} : { charset }) });
  // Text never holds NUL; a body that decodes to some is binary (an image, a zip) served as a feed.
  const nul = decoded.text.indexOf('\u0000');
  if (nul !== -1) {
    throw new AppError(
      'FEED_BAD_ENCODING',
      `the feed at ${url} is not text: a NUL character at offset ${nul} after decoding as ${decoded.encoding}`,
    );
  }
  return {
    text: demoronize(decoded.text),
    encoding: decoded.encoding,
    warnings: decoded.note === undefined ? [] : [decoded.note],
  };
}

function splitContentType(header: string | undefined): { mediaType: string; charset?: string } {
  if (header === undefined) return { mediaType: '' };
  const mediaType = header.split(';')[0]!.trim().toLowerCase();
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(header)?.[1];
  return charset === undefined ? { mediaType } : { mediaType, charset };
}

/** windows-1252's characters at 0x80–0x9F (curly quotes, dashes, €…); its five undefined bytes stay as they are. */
const windows1252High =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * C1 control characters (U+0080–U+009F) never belong in text. When they appear, windows-1252 text was
 * read as Latin-1 (Node 20's TextDecoder decodes the label "windows-1252" as Latin-1) or was encoded to
 * UTF-8 from such a misreading; they are mapped to the characters that were meant.
 */
export function demoronize(text: string): string {
  if (!/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(/[\u0080-\u009f]/g, (char) => windows1252High[char.charCodeAt(0) - 0x80]!);
}
