/**
 * Finds the first well-formedness error in an XML document and says where it is.
 *
 * feedsmith's XML parser is forgiving (it recovers from unclosed elements) and, when it does give up,
 * its message names no position. This scan only tracks the element stack, which is what broken feeds
 * get wrong: mismatched or missing end tags, a stray `<`, a second root, a document cut short.
 */

/** A well-formedness error with its 1-based position. */
export interface XmlError {
  message: string;
  line: number;
  column: number;
}

const namePattern = /^[A-Za-z_:\u00c0-\uffff][\w:.\-\u00b7\u00c0-\uffff]*/;

/** The first well-formedness error in `text`, or null when its elements nest properly. */
export function findXmlError(text: string): XmlError | null {
  return scanXml(text).error;
}

/**
 * A document cut short (a download stopped at a size cap, a truncated file) made whole: a partial tag,
 * comment or CDATA section at the end is dropped and the elements still open are closed. Null when the
 * document is well-formed or broken anywhere but at its end.
 */
export function closeTruncatedXml(text: string): { text: string; closed: string[]; error: XmlError } | null {
  const scan = scanXml(text);
  if (scan.error === null || scan.truncatedAt === undefined || scan.open.length === 0) return null;
  const closed = [...scan.open].reverse();
  return {
    text: `${text.slice(0, scan.truncatedAt)}${closed.map((name) => `</${name}>`).join('')}`,
    closed,
    error: scan.error,
  };
}

interface XmlScan {
  error: XmlError | null;
  /** Where the document stops making sense, when the only problem is that it ends too soon. */
  truncatedAt?: number;
  /** The elements open at that point, outermost first. */
  open: string[];
}

function scanXml(text: string): XmlScan {
  const stack: { name: string; at: number }[] = [];
  const open = (): string[] => stack.map((element) => element.name);
  const fail = (offset: number, message: string): XmlScan => ({
    error: errorAt(text, offset, message),
    open: open(),
  });
  const cut = (offset: number, message: string): XmlScan => ({
    ...fail(offset, message),
    truncatedAt: offset,
  });
  let rootClosed = false;
  let index = 0;
  for (;;) {
    const found = text.indexOf('<', index);
    const next = found === -1 ? text.length : found;
    if (rootClosed && stack.length === 0 && text.slice(index, next).trim() !== '') {
      const start = index + (text.slice(index).length - text.slice(index).trimStart().length);
      return fail(start, 'text after the end of the root element');
    }
    if (found === -1) break;
    const skipped = skipMarkup(text, next);
    if (skipped === -1) return cut(next, 'a comment, CDATA section or declaration is never closed');
    if (skipped !== next) {
      index = skipped;
      continue;
    }
    const closing = text[next + 1] === '/';
    const name = namePattern.exec(text.slice(next + (closing ? 2 : 1), next + 200))?.[0];
    if (name === undefined) {
      if (text.slice(next + 1).trim() === '' || (closing && text.slice(next + 2).trim() === '')) {
        return cut(next, 'the document ends inside a tag');
      }
      return fail(next, "a '<' that starts no tag (write &lt; in text)");
    }
    const end = tagEnd(text, next + 1);
    if (end === -1) {
      const message = `the tag <${closing ? '/' : ''}${name}> is never closed with '>'`;
      return text.indexOf('<', next + 1) === -1 ? cut(next, message) : fail(next, message);
    }
    if (closing) {
      const top = stack.pop();
      if (top === undefined) return fail(next, `</${name}> closes an element that was never opened`);
      if (top.name !== name) {
        stack.push(top);
        return fail(
          next,
          `</${name}> found where </${top.name}> was expected (opened at line ${lineOf(text, top.at)})`,
        );
      }
      if (stack.length === 0) rootClosed = true;
    } else {
      if (rootClosed && stack.length === 0) return fail(next, `a second root element <${name}>`);
      if (text[end - 2] !== '/') stack.push({ name, at: next });
      else if (stack.length === 0) rootClosed = true;
    }
    index = end;
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) {
    return cut(
      text.length,
      `the document ends before <${unclosed.name}> (line ${lineOf(text, unclosed.at)}) is closed`,
    );
  }
  if (!rootClosed) return fail(text.length, 'the document has no root element');
  return { error: null, open: [] };
}

/** Past a comment, CDATA section, processing instruction or declaration at `open`; `open` itself for a tag; -1 if unterminated. */
function skipMarkup(text: string, open: number): number {
  const closers: [string, string][] = [
    ['<!--', '-->'],
    ['<![CDATA[', ']]>'],
    ['<?', '?>'],
    ['<!', '>'],
  ];
  for (const [opener, closer] of closers) {
    if (!text.startsWith(opener, open)) continue;
    const close = text.indexOf(closer, open + opener.length);
    return close === -1 ? -1 : close + closer.length;
  }
  return open;
}

/** The index just past the tag's `>`, skipping quoted attribute values; -1 when the tag never ends. */
function tagEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const char = text[i];
    if (char === '"' || char === "'") {
      const close = text.indexOf(char, i + 1);
      if (close === -1) return -1;
      i = close + 1;
    } else if (char === '>') {
      return i + 1;
    } else if (char === '<') {
      return -1;
    } else {
      i++;
    }
  }
  return -1;
}

function errorAt(text: string, offset: number, message: string): XmlError {
  const before = text.slice(0, offset);
  const line = lineOf(text, offset);
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { message, line, column };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
