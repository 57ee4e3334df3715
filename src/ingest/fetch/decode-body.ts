/**
 * Turns a fetched body into text. The encoding is taken, in order, from a byte-order mark, the HTTP
 * Content-Type charset, the XML declaration (XML), `<meta charset>` (HTML, by html-encoding-sniffer)
 * and finally UTF-8. Bytes that do not fit become U+FFFD; decoding never throws.
 *
 * Declarations are claims and bytes are evidence, so two checks can overrule the claim:
 * - a BOM always wins (as in the HTML Standard): a page "declared" windows-1251 that starts with
 *   EF BB BF is UTF-8;
 * - declared (or defaulted) UTF-8 whose non-ASCII characters mostly fail to decode was never UTF-8:
 *   it is decoded with the legacy guess the bulk importer uses (windows-1251, KOI8-R or windows-1252,
 *   see sniffEncoding in ../bulk/decode-input.ts). A UTF-8 page with a few corrupt bytes stays UTF-8,
 *   those bytes becoming U+FFFD;
 * - a declared legacy encoding (windows-1251, KOI8-R…) loses to bytes that are valid UTF-8 and hold
 *   multi-byte characters: Cyrillic in windows-1251 or KOI8-R is almost never valid UTF-8 by accident,
 *   while CMSs that moved to UTF-8 and kept the old header are common.
 * Every overruled or ignored declaration is explained in `note`.
 */
import htmlEncodingSniffer from 'html-encoding-sniffer';
import { isAppError } from '../../core/errors.ts';
import { sniffEncoding, sniffLength } from '../bulk/decode-input.ts';

/** Where the encoding came from. */
export type EncodingSource = 'bom' | 'http' | 'xml' | 'meta' | 'default' | 'bytes';

/** A body as text. */
export interface DecodedBody {
  text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `windows-1251`, `koi8-r`, `utf-16le`…). */
  encoding: string;
  source: EncodingSource;
  /** Why a declaration was ignored or overruled, for the feed's log. */
  note?: string;
}

/** What decodeBody reads: a FetchedResource fits. */
export interface BodyToDecode {
  body: Uint8Array;
  /** The media type, e.g. `text/html`, `application/rss+xml`; '' or absent when unknown. */
  contentType?: string;
  /** The Content-Type charset parameter, when the server sent one. */
  charset?: string;
}

/** How much of the start is searched for an XML declaration or `<meta charset>`. */
const declarationWindow = 1024;

/** Decodes `input.body`; see the module comment for the order and the overruling rules. */
export function decodeBody(input: BodyToDecode): DecodedBody {
  const { body } = input;
  const contentType = (input.contentType ?? '').toLowerCase();
  const notes: string[] = [];
  const bom = byteOrderMark(body);
  if (bom !== null) {
    const declared = input.charset === undefined ? undefined : encodingName(input.charset);
    if (declared !== undefined && declared !== bom.encoding) {
      notes.push(`the byte-order mark says ${bom.encoding}, overruling the declared ${declared}`);
    }
    return finish(body.subarray(bom.skip), bom.encoding, 'bom', notes);
  }
  const declaration = findDeclaration(body, contentType, input.charset, notes);
  return checkAgainstBytes(body, declaration, notes);
}

interface Declaration {
  encoding: string;
  source: EncodingSource;
}

function findDeclaration(
  body: Uint8Array,
  contentType: string,
  httpCharset: string | undefined,
  notes: string[],
): Declaration {
  if (httpCharset !== undefined) {
    const encoding = encodingName(httpCharset);
    if (encoding !== undefined) return { encoding, source: 'http' };
    notes.push(`unknown charset "${httpCharset}" in Content-Type ignored`);
  }
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, declarationWindow)).toString(
    'latin1',
  );
  const xmlDeclaration = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([A-Za-z][\w.:-]*)\1/.exec(head);
  if (xmlDeclaration !== null || /[/+]xml$/.test(contentType)) {
    const label = xmlDeclaration?.[2];
    if (label !== undefined) {
      const encoding = encodingName(label);
      // Having read the declaration as ASCII proves the document is not UTF-16 (it would have NULs).
      if (encoding === 'utf-16le' || encoding === 'utf-16be') {
        notes.push(`the XML declaration says ${label}, but the bytes are not UTF-16`);
        return { encoding: 'utf-8', source: 'default' };
      }
      if (encoding !== undefined) return { encoding, source: 'xml' };
      notes.push(`unknown encoding "${label}" in the XML declaration ignored`);
    }
    return { encoding: 'utf-8', source: 'default' };
  }
  // JSON is UTF-8 by definition (RFC 8259); a "<meta charset" inside its strings means nothing.
  if (!/[/+]json$/.test(contentType)) {
    // '' as the default tells "no <meta> found" apart from a <meta> that names UTF-8 (its prescan also
    // maps a <meta> naming UTF-16 to UTF-8, as the HTML Standard asks).
    const sniffed = htmlEncodingSniffer(body, { defaultEncoding: '' });
    const encoding = sniffed === '' ? undefined : encodingName(sniffed);
    if (encoding !== undefined) return { encoding, source: 'meta' };
  }
  return { encoding: 'utf-8', source: 'default' };
}

function checkAgainstBytes(body: Uint8Array, declaration: Declaration, notes: string[]): DecodedBody {
  const { encoding, source } = declaration;
  const claimed =
    source === 'default' ? 'nothing declared' : `declared ${encoding} (${describeSource(source)})`;
  if (encoding === 'utf-8') {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(body);
    if (!isMostlyBroken(text)) return finish(body, encoding, source, notes, text);
    const guess = bytesGuess(body);
    if (guess !== undefined && guess !== 'utf-8') {
      notes.push(`${claimed}, but the bytes are not UTF-8: decoded as ${guess}`);
      return finish(body, guess, 'bytes', notes);
    }
    return finish(body, encoding, source, notes, text);
  }
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be' && hasMultiByteUtf8(body)) {
    notes.push(`${claimed}, but the bytes are valid UTF-8: decoded as utf-8`);
    return finish(body, 'utf-8', 'bytes', notes);
  }
  return finish(body, encoding, source, notes);
}

function finish(
  bytes: Uint8Array,
  encoding: string,
  source: EncodingSource,
  notes: string[],
  text: string = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes),
): DecodedBody {
  return { text, encoding, source, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
}

/** The WHATWG name for an encoding label, or undefined when TextDecoder does not know it. */
function encodingName(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

function describeSource(source: EncodingSource): string {
  return {
    bom: 'byte-order mark',
    http: 'HTTP Content-Type',
    xml: 'XML declaration',
    meta: '<meta charset>',
    default: 'default',
    bytes: 'bytes',
  }[source];
}

/** A BOM's encoding and length; UTF-16 XML without a BOM (`<?` as 3C 00 3F 00) counts as one, per XML §F.1. */
function byteOrderMark(body: Uint8Array): { encoding: string; skip: number } | null {
  const starts = (...bytes: number[]) => bytes.every((byte, i) => body[i] === byte);
  if (starts(0xef, 0xbb, 0xbf)) return { encoding: 'utf-8', skip: 3 };
  if (starts(0xff, 0xfe)) return { encoding: 'utf-16le', skip: 2 };
  if (starts(0xfe, 0xff)) return { encoding: 'utf-16be', skip: 2 };
  if (starts(0x3c, 0x00, 0x3f, 0x00)) return { encoding: 'utf-16le', skip: 0 };
  if (starts(0x00, 0x3c, 0x00, 0x3f)) return { encoding: 'utf-16be', skip: 0 };
  return null;
}

/** True when more non-ASCII characters came out as U+FFFD than as anything else. */
function isMostlyBroken(text: string): boolean {
  let replaced = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) replaced++;
    else if (code >= 0x80) other++;
  }
  return replaced > other;
}

/** The bulk importer's verdict on the first bytes: utf-8, or its legacy guess; undefined for binary-looking bytes. */
function bytesGuess(body: Uint8Array): string | undefined {
  try {
    return sniffEncoding('response body', body.subarray(0, sniffLength)).encoding;
  } catch (error) {
    // NUL bytes: the importer refuses such files; a web body keeps its declared decoding, with U+FFFD.
    if (isAppError(error, 'IMPORT_BINARY_FILE')) return undefined;
    throw error;
  }
}

/** Valid UTF-8 as a whole, with at least one multi-byte character. */
function hasMultiByteUtf8(body: Uint8Array): boolean {
  if (!body.some((byte) => byte >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}
