/**
 * Caps how deep a page's elements nest before Readability reads it.
 *
 * Readability's work grows much faster than the depth of the tree (here 0.2 s at 100 levels, 2.5 s at
 * 400, 12 s at 800, and a stack overflow near 10,000), and a page of unclosed `<div>`s nests one
 * level per paragraph. Browsers cap the tree too (Chromium at 512 levels: deeper elements become
 * siblings); this does the same after parsing, so the text is kept and the cost stays bounded.
 */

/** The deepest nesting kept; the deepest of Readability's 126 real test pages is 34 levels. */
export const defaultMaxDepth = 128;

/**
 * Flattens every subtree that reaches below `maxDepth` levels under `root` (root = level 1): the
 * descendants of an element at level `maxDepth` become its children, in document order. Returns how
 * many elements were moved (0 for a normal page).
 */
export function limitNesting(root: Element, maxDepth: number = defaultMaxDepth): number {
  const atLimit: Element[] = [];
  // Iterative walk: a recursive one would overflow the stack on exactly the pages this is for.
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [element, depth] = stack.pop()!;
    if (depth === maxDepth) {
      if (Array.from(element.children).some((child) => child.firstElementChild !== null))
        atLimit.push(element);
      continue;
    }
    for (let child = element.lastElementChild; child !== null; child = child.previousElementSibling) {
      stack.push([child, depth + 1]);
    }
  }
  let moved = 0;
  for (const element of atLimit) {
    // Document order: each descendant is appended after the ones before it, so the text keeps its order.
    for (const descendant of Array.from(element.querySelectorAll('*'))) {
      if (descendant.parentNode === element) continue;
      element.appendChild(descendant);
      moved += 1;
    }
  }
  return moved;
}
