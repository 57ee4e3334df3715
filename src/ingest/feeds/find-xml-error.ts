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
  const stack: { name: string; at: number }[] = [];
  let rootClosed = false;
  let index = 0;
  for (;;) {
    const found = text.indexOf('<', index);
    const open = found === -1 ? text.length : found;
    if (rootClosed && stack.length === 0 && text.slice(index, open).trim() !== '') {
      return errorAt(
        text,
        index + (text.slice(index).length - text.slice(index).trimStart().length),
        'text after the end of the root element',
      );
    }
    if (found === -1) break;
    const skipped = skipMarkup(text, open);
    if (skipped === -1) return errorAt(text, open, 'a comment, CDATA section or declaration is never closed');
    if (skipped !== open) {
      index = skipped;
      continue;
    }
    const closing = text[open + 1] === '/';
    const name = namePattern.exec(text.slice(open + (closing ? 2 : 1), open + 200))?.[0];
    if (name === undefined) return errorAt(text, open, "a '<' that starts no tag (write &lt; in text)");
    const end = tagEnd(text, open + 1);
    if (end === -1)
      return errorAt(text, open, `the tag <${closing ? '/' : ''}${name}> is never closed with '>'`);
    if (closing) {
      const top = stack.pop();
      if (top === undefined) return errorAt(text, open, `</${name}> closes an element that was never opened`);
      if (top.name !== name) {
        return errorAt(
          text,
          open,
          `</${name}> found where </${top.name}> was expected (opened at line ${lineOf(text, top.at)})`,
        );
      }
      if (stack.length === 0) rootClosed = true;
    } else {
      if (rootClosed && stack.length === 0) return errorAt(text, open, `a second root element <${name}>`);
      if (text[end - 2] !== '/') stack.push({ name, at: open });
      else if (stack.length === 0) rootClosed = true;
    }
    index = end;
  }
  const unclosed = stack.at(-1);
  if (unclosed !== undefined) {
    return errorAt(
      text,
      text.length,
      `the document ends before <${unclosed.name}> (line ${lineOf(text, unclosed.at)}) is closed`,
    );
  }
  if (!rootClosed) return errorAt(text, text.length, 'the document has no root element');
  return null;
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
