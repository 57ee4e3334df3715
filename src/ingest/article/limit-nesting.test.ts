import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { limitNesting } from './limit-nesting.ts';

function rootOf(html: string): Element {
  return parseHTML(html).document.documentElement as unknown as Element;
}

function maxDepth(root: Element): number {
  let deepest = 0;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    for (const child of Array.from(element.children)) stack.push([child, depth + 1]);
  }
  return deepest;
}

describe('limitNesting', () => {
  it('leaves a page within the limit untouched', () => {
    const root = rootOf('<html><body><div><p>a <b>b</b></p></div></body></html>');
    const before = root.outerHTML;
    assert.equal(limitNesting(root, 10), 0);
    assert.equal(root.outerHTML, before);
  });

  it('makes the descendants of an element at the limit its children, in document order', () => {
    const root = rootOf(
      '<html><body><div id="a"><div id="b">x<p id="c">one</p><p id="d">two</p></div></div></body></html>',
    );
    assert.equal(limitNesting(root, 3), 2);
    assert.equal(
      root.outerHTML,
      '<html><body><div id="a"><div id="b">x</div><p id="c">one</p><p id="d">two</p></div></body></html>',
    );
  });

  it('bounds 20,000 nested elements to the limit (one more level) and keeps every word', () => {
    const root = rootOf(`<html><body>${'<div>w '.repeat(20_000)}${'</div>'.repeat(20_000)}</body></html>`);
    limitNesting(root, 128);
    assert.ok(maxDepth(root) <= 129);
    assert.equal(root.textContent?.split('w').length, 20_001);
  });
});
