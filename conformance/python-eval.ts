/**
 * Evaluates the expressions python-parse.ts reads, with Python's semantics for the values test files
 * use (True == 1, tuples and lists alike, KeyError on a missing key), and lists the field paths an
 * expression reads so that a case can be classified before it is run.
 */
import {
  type CustomValue,
  type PyNode,
  PyRuntimeError,
  type PyValue,
  UnsupportedExpression,
} from './python-parse.ts';

export {
  type CustomValue,
  type PyNode,
  PyRuntimeError,
  type PyValue,
  parsePython,
  UnsupportedExpression,
} from './python-parse.ts';

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
        // A builtin's name (len) is not a field; a method's target (x.get) is.
        if (found === undefined && n.callee.type !== 'name') walk(n.callee);
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
