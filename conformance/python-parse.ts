/**
 * A small reader for the Python expressions feedparser's and listparser's test files carry
 * (`not bozo and entries[0]['title'] == u'Example'`): boolean operators, comparisons (chained, `in`,
 * `is`), subscripts, attributes, calls, string/number/tuple/list/dict literals with Python's escapes
 * and implicit concatenation. Anything else is refused as unsupported, so a case is never passed by a
 * guess. Evaluation is in python-eval.ts.
 */

/** A parsed expression. */
export type PyNode =
  | { type: 'literal'; value: PyValue }
  | { type: 'name'; name: string }
  | { type: 'subscript'; target: PyNode; index: PyNode }
  | { type: 'attribute'; target: PyNode; name: string }
  | { type: 'call'; callee: PyNode; args: PyNode[] }
  | { type: 'list'; items: PyNode[] }
  | { type: 'dict'; entries: [PyNode, PyNode][] }
  | { type: 'not'; operand: PyNode }
  | { type: 'negate'; operand: PyNode }
  | { type: 'bool'; op: 'and' | 'or'; left: PyNode; right: PyNode }
  | { type: 'compare'; first: PyNode; rest: [string, PyNode][] }
  | { type: 'binary'; op: '+'; left: PyNode; right: PyNode };

/** A Python value as JavaScript: str, int/float, bool, None (null), list/tuple (array), dict (object). */
export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue } | CustomValue;

/** A value with its own equality (a stored field compared as text, a URL, a date). */
export interface CustomValue {
  readonly custom: true;
  equals(other: PyValue): boolean;
  /** The plain value, for len(), `in` and the like. */
  plain(): PyValue;
}

/** The expression uses Python this reader does not implement. */
export class UnsupportedExpression extends Error {}

/** A Python runtime error (KeyError, IndexError, TypeError): the expectation is then false. */
export class PyRuntimeError extends Error {}

interface Token {
  kind: 'name' | 'number' | 'string' | 'op';
  text: string;
  value?: string | number;
}

const operators = ['==', '!=', '<=', '>=', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', '+', '-'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const stringStart = /^([uUbBrR]{0,2})(['"])/.exec(source.slice(i, i + 4));
    if (stringStart !== null && (stringStart[1] === '' || /[uUbBrR]/.test(char))) {
      const prefix = stringStart[1]!.toLowerCase();
      const quote = stringStart[2]!;
      const triple = source.startsWith(quote.repeat(3), i + prefix.length);
      const delimiter = triple ? quote.repeat(3) : quote;
      let j = i + prefix.length + delimiter.length;
      let raw = '';
      while (j < source.length && !source.startsWith(delimiter, j)) {
        if (source[j] === '\\') {
          raw += source.slice(j, j + 2);
          j += 2;
        } else {
          raw += source[j];
          j++;
        }
      }
      if (j >= source.length) throw new UnsupportedExpression('unterminated string');
      tokens.push({ kind: 'string', text: raw, value: prefix.includes('r') ? raw : unescapePython(raw) });
      i = j + delimiter.length;
      continue;
    }
    const number = /^(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?[lL]?/.exec(source.slice(i));
    if (number !== null) {
      tokens.push({ kind: 'number', text: number[0], value: Number(number[0].replace(/[lL]$/, '')) });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_]\w*/.exec(source.slice(i));
    if (name !== null) {
      tokens.push({ kind: 'name', text: name[0] });
      i += name[0].length;
      continue;
    }
    const op = operators.find((candidate) => source.startsWith(candidate, i));
    if (op === undefined) throw new UnsupportedExpression(`unexpected character ${JSON.stringify(char)}`);
    tokens.push({ kind: 'op', text: op });
    i += op.length;
  }
  return tokens;
}

function unescapePython(raw: string): string {
  return raw.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|\n|.)/g,
    (_whole, code: string) => {
      const first = code[0]!;
      if (first === 'x' || first === 'u' || first === 'U')
        return String.fromCodePoint(Number.parseInt(code.slice(1), 16));
      if (/[0-7]/.test(first)) return String.fromCodePoint(Number.parseInt(code, 8));
      const simple: Record<string, string> = {
        n: '\n',
        t: '\t',
        r: '\r',
        '\\': '\\',
        "'": "'",
        '"': '"',
        '\n': '',
        a: '\x07',
        b: '\b',
        f: '\f',
        v: '\v',
        '0': '\0',
      };
      const replaced = simple[code];
      if (replaced === undefined) return `\\${code}`;
      return replaced;
    },
  );
}

/** Parses a Python expression; throws UnsupportedExpression for what this reader does not know. */
export function parsePython(source: string): PyNode {
  const tokens = tokenize(source);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const isOp = (text: string): boolean => peek()?.kind === 'op' && peek()?.text === text;
  const isName = (text: string): boolean => peek()?.kind === 'name' && peek()?.text === text;
  const expect = (text: string): void => {
    if (!isOp(text)) throw new UnsupportedExpression(`expected ${text} at token ${position}`);
    position++;
  };

  const parseOr = (): PyNode => {
    let left = parseAnd();
    while (isName('or')) {
      position++;
      left = { type: 'bool', op: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): PyNode => {
    let left = parseNot();
    while (isName('and')) {
      position++;
      left = { type: 'bool', op: 'and', left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): PyNode => {
    if (isName('not')) {
      position++;
      return { type: 'not', operand: parseNot() };
    }
    return parseComparison();
  };
  const parseComparison = (): PyNode => {
    const first = parseSum();
    const rest: [string, PyNode][] = [];
    for (;;) {
      const token = peek();
      if (token?.kind === 'op' && ['==', '!=', '<', '>', '<=', '>='].includes(token.text)) {
        position++;
        rest.push([token.text, parseSum()]);
      } else if (isName('in')) {
        position++;
        rest.push(['in', parseSum()]);
      } else if (isName('not') && tokens[position + 1]?.text === 'in') {
        position += 2;
        rest.push(['not in', parseSum()]);
      } else if (isName('is')) {
        position++;
        if (isName('not')) {
          position++;
          rest.push(['is not', parseSum()]);
        } else {
          rest.push(['is', parseSum()]);
        }
      } else {
        break;
      }
    }
    return rest.length === 0 ? first : { type: 'compare', first, rest };
  };
  const parseSum = (): PyNode => {
    let left = parseUnary();
    while (isOp('+')) {
      position++;
      left = { type: 'binary', op: '+', left, right: parseUnary() };
    }
    return left;
  };
  const parseUnary = (): PyNode => {
    if (isOp('-')) {
      position++;
      return { type: 'negate', operand: parseUnary() };
    }
    return parsePostfix();
  };
  const parsePostfix = (): PyNode => {
    let node = parseAtom();
    for (;;) {
      if (isOp('[')) {
        position++;
        const index = parseOr();
        if (isOp(':')) throw new UnsupportedExpression('slices');
        expect(']');
        node = { type: 'subscript', target: node, index };
      } else if (isOp('.')) {
        position++;
        const name = peek();
        if (name?.kind !== 'name') throw new UnsupportedExpression('attribute name expected');
        position++;
        node = { type: 'attribute', target: node, name: name.text };
      } else if (isOp('(')) {
        position++;
        const args: PyNode[] = [];
        while (!isOp(')')) {
          args.push(parseOr());
          if (!isOp(')')) expect(',');
        }
        expect(')');
        node = { type: 'call', callee: node, args };
      } else {
        return node;
      }
    }
  };
  const parseSequence = (close: string): PyNode[] => {
    const items: PyNode[] = [];
    while (!isOp(close)) {
      items.push(parseOr());
      if (!isOp(close)) expect(',');
    }
    expect(close);
    return items;
  };
  const parseAtom = (): PyNode => {
    const token = peek();
    if (token === undefined) throw new UnsupportedExpression('unexpected end');
    position++;
    if (token.kind === 'number') return { type: 'literal', value: token.value as number };
    if (token.kind === 'string') {
      let value = token.value as string;
      while (peek()?.kind === 'string') value += tokens[position++]!.value as string;
      return { type: 'literal', value };
    }
    if (token.kind === 'name') {
      if (token.text === 'True') return { type: 'literal', value: true };
      if (token.text === 'False') return { type: 'literal', value: false };
      if (token.text === 'None') return { type: 'literal', value: null };
      if (['lambda', 'for', 'if', 'else'].includes(token.text)) throw new UnsupportedExpression(token.text);
      return { type: 'name', name: token.text };
    }
    if (token.text === '(') {
      if (isOp(')')) {
        position++;
        return { type: 'list', items: [] };
      }
      const first = parseOr();
      if (isOp(')')) {
        position++;
        return first;
      }
      expect(',');
      return { type: 'list', items: [first, ...parseSequence(')')] };
    }
    if (token.text === '[') return { type: 'list', items: parseSequence(']') };
    if (token.text === '{') {
      const entries: [PyNode, PyNode][] = [];
      while (!isOp('}')) {
        const key = parseOr();
        expect(':');
        entries.push([key, parseOr()]);
        if (!isOp('}')) expect(',');
      }
      expect('}');
      return { type: 'dict', entries };
    }
    throw new UnsupportedExpression(`unexpected ${token.text}`);
  };

  const node = parseOr();
  if (position !== tokens.length) throw new UnsupportedExpression(`trailing tokens from ${position}`);
  return node;
}
