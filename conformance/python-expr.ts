/**
 * A small reader for the Python expressions feedparser's and listparser's test files carry
 * (`not bozo and entries[0]['title'] == u'Example'`): boolean operators, comparisons (chained, `in`,
 * `is`), subscripts, attributes, `len()` and `.get()`, string/number/tuple/list/dict literals with
 * Python's escapes and implicit concatenation. Anything else is refused as unsupported, so a case is
 * never passed by a guess.
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

function isCustom(value: unknown): value is CustomValue {
  return typeof value === 'object' && value !== null && (value as CustomValue).custom === true;
}

function plain(value: PyValue): PyValue {
  return isCustom(value) ? value.plain() : value;
}

/** Python's == over these values (True == 1, tuples and lists alike, dicts by keys). */
export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (isCustom(a) && isCustom(b)) return pyEquals(a.plain(), b.plain());
  if (isCustom(a)) return a.equals(b);
  if (isCustom(b)) return b.equals(a);
  if (typeof a === 'boolean' || typeof b === 'boolean')
    return (
      Number(a) === Number(b) && typeof a !== 'string' && typeof b !== 'string' && a !== null && b !== null
    );
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => pyEquals(item, b[i]!))
    );
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const keys = Object.keys(a);
    const other = b as Record<string, PyValue>;
    return (
      keys.length === Object.keys(other).length &&
      keys.every((key) => key in other && pyEquals((a as Record<string, PyValue>)[key]!, other[key]!))
    );
  }
  return a === b;
}

function truthy(value: PyValue): boolean {
  const v = plain(value);
  if (v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

function contains(container: PyValue, item: PyValue): boolean {
  const c = plain(container);
  if (typeof c === 'string') {
    const needle = plain(item);
    if (typeof needle !== 'string') throw new PyRuntimeError('in <string> requires string');
    return c.includes(needle);
  }
  if (Array.isArray(c)) return c.some((element) => pyEquals(element, item));
  if (typeof c === 'object' && c !== null)
    return typeof plain(item) === 'string' && (plain(item) as string) in c;
  throw new PyRuntimeError('argument is not iterable');
}

function compare(op: string, a: PyValue, b: PyValue): boolean {
  switch (op) {
    case '==':
      return pyEquals(a, b);
    case '!=':
      return !pyEquals(a, b);
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
    case 'is':
      return plain(a) === plain(b);
    case 'is not':
      return plain(a) !== plain(b);
    default: {
      const x = plain(a);
      const y = plain(b);
      if (typeof x !== typeof y || (typeof x !== 'number' && typeof x !== 'string'))
        throw new PyRuntimeError('unorderable');
      const xs = x as number | string;
      const ys = y as number | string;
      return op === '<' ? xs < ys : op === '>' ? xs > ys : op === '<=' ? xs <= ys : xs >= ys;
    }
  }
}

function subscript(target: PyValue, key: PyValue): PyValue {
  const t = plain(target);
  const k = plain(key);
  if (Array.isArray(t) || typeof t === 'string') {
    if (typeof k !== 'number' || !Number.isInteger(k)) throw new PyRuntimeError('index must be an integer');
    const index = k < 0 ? t.length + k : k;
    if (index < 0 || index >= t.length) throw new PyRuntimeError('IndexError');
    return t[index] as PyValue;
  }
  if (typeof t === 'object' && t !== null && typeof k === 'string') {
    if (!Object.hasOwn(t, k)) throw new PyRuntimeError(`KeyError: ${k}`);
    return (t as Record<string, PyValue>)[k]!;
  }
  throw new PyRuntimeError('not subscriptable');
}

/** Evaluates `node` with `scope`'s names; throws PyRuntimeError (the expectation fails) or UnsupportedExpression. */
export function evaluatePython(node: PyNode, scope: Record<string, PyValue>): PyValue {
  const evaluate = (n: PyNode): PyValue => evaluatePython(n, scope);
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'name':
      if (!Object.hasOwn(scope, node.name)) throw new UnsupportedExpression(`name ${node.name}`);
      return scope[node.name]!;
    case 'subscript':
      return subscript(evaluate(node.target), evaluate(node.index));
    case 'attribute':
      // feedparser's dicts answer attribute access like keys.
      return subscript(evaluate(node.target), node.name);
    case 'call': {
      if (node.callee.type === 'name' && node.callee.name === 'len' && node.args.length === 1) {
        const value = plain(evaluate(node.args[0]!));
        if (typeof value === 'string' || Array.isArray(value)) return value.length;
        if (typeof value === 'object' && value !== null) return Object.keys(value).length;
        throw new PyRuntimeError('len of a non-sequence');
      }
      if (node.callee.type === 'attribute' && node.callee.name === 'get') {
        const target = plain(evaluate(node.callee.target));
        const key = plain(evaluate(node.args[0]!));
        if (
          typeof target !== 'object' ||
          target === null ||
          Array.isArray(target) ||
          typeof key !== 'string'
        ) {
          throw new PyRuntimeError('get on a non-dict');
        }
        return Object.hasOwn(target, key)
          ? (target as Record<string, PyValue>)[key]!
          : node.args[1]
            ? evaluate(node.args[1])
            : null;
      }
      throw new UnsupportedExpression('call');
    }
    case 'list':
      return node.items.map(evaluate);
    case 'dict': {
      const result: Record<string, PyValue> = {};
      for (const [key, value] of node.entries) result[String(plain(evaluate(key)))] = evaluate(value);
      return result;
    }
    case 'not':
      return !truthy(evaluate(node.operand));
    case 'negate': {
      const value = plain(evaluate(node.operand));
      if (typeof value !== 'number') throw new PyRuntimeError('bad operand for unary -');
      return -value;
    }
    case 'bool': {
      const left = evaluate(node.left);
      if (node.op === 'and') return truthy(left) ? evaluate(node.right) : left;
      return truthy(left) ? left : evaluate(node.right);
    }
    case 'binary': {
      const left = plain(evaluate(node.left));
      const right = plain(evaluate(node.right));
      if (typeof left === 'string' && typeof right === 'string') return left + right;
      if (typeof left === 'number' && typeof right === 'number') return left + right;
      if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
      throw new PyRuntimeError('unsupported + operands');
    }
    case 'compare': {
      let left = evaluate(node.first);
      for (const [op, operand] of node.rest) {
        const right = evaluate(operand);
        if (!compare(op, left, right)) return false;
        left = right;
      }
      return true;
    }
  }
}

/** True when the expression holds; false when it does not or raises (KeyError and the like). */
export function holds(node: PyNode, scope: Record<string, PyValue>): boolean {
  try {
    return truthy(evaluatePython(node, scope));
  } catch (error) {
    if (error instanceof PyRuntimeError) return false;
    throw error;
  }
}

/** The key paths the expression reads below each root name, e.g. entries → ['content', 'value']. */
export function fieldPaths(node: PyNode): { root: string; keys: string[] }[] {
  const paths: { root: string; keys: string[] }[] = [];
  const chain = (n: PyNode): { root: string; keys: string[] } | undefined => {
    if (n.type === 'name') return { root: n.name, keys: [] };
    if (n.type === 'subscript' || n.type === 'attribute') {
      const inner = chain(n.target);
      if (inner === undefined) return undefined;
      if (n.type === 'attribute') return { root: inner.root, keys: [...inner.keys, n.name] };
      return n.index.type === 'literal' && typeof n.index.value === 'string'
        ? { root: inner.root, keys: [...inner.keys, n.index.value] }
        : inner;
    }
    if (n.type === 'call' && n.callee.type === 'attribute' && n.callee.name === 'get') {
      const inner = chain(n.callee.target);
      const key = n.args[0];
      if (inner !== undefined && key?.type === 'literal' && typeof key.value === 'string') {
        return { root: inner.root, keys: [...inner.keys, key.value] };
      }
    }
    return undefined;
  };
  const walk = (n: PyNode): void => {
    const found = chain(n);
    if (found !== undefined && (n.type !== 'name' || found.keys.length === 0)) {
      paths.push(found);
      if (n.type === 'name') return;
      // still walk index expressions for nested references
    }
    switch (n.type) {
      case 'subscript':
        if (found === undefined) walk(n.target);
        walk(n.index);
        break;
      case 'attribute':
        if (found === undefined) walk(n.target);
        break;
      case 'call':
        if (found === undefined) walk(n.callee);
        for (const arg of n.args) walk(arg);
        break;
      case 'list':
        n.items.forEach(walk);
        break;
      case 'dict':
        for (const [key, value] of n.entries) {
          walk(key);
          walk(value);
        }
        break;
      case 'not':
      case 'negate':
        walk(n.operand);
        break;
      case 'bool':
      case 'binary':
        walk(n.left);
        walk(n.right);
        break;
      case 'compare':
        walk(n.first);
        for (const [, operand] of n.rest) walk(operand);
        break;
      default:
        break;
    }
  };
  walk(node);
  return paths;
}
