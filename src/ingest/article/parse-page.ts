/**
 * Turns a page's HTML text into a DOM document (linkedom) that Readability can work on.
 *
 * linkedom is fast but is not an HTML5 tree builder: a fragment becomes a document whose root is the
 * first `<p>`, and a page without a `<body>` tag gets an empty body beside its content. Readability
 * reads `document.body`, so the tree is first mended into html > head + body.
 */
import { parseHTML } from 'linkedom';
import { defaultMaxDepth, limitNesting } from './limit-nesting.ts';

/** A parsed page and the URL its relative links resolve against. */
export interface ParsedPage {
  document: Document;
  /** The page's own `<base href>` when it is an http(s) URL, else the page URL. */
  baseUrl: string;
}

/** Elements that belong in `<head>` when they appear before the body. */
const headElements = new Set(['title', 'meta', 'link', 'base', 'style', 'script', 'noscript', 'template']);

/**
 * Parses `html` fetched from `pageUrl` (absolute http(s)) into a document with one html > head + body,
 * no element deeper than `maxDepth` levels (see limitNesting), and a single `<base href>` first in the
 * head, so relative links resolve as a browser would.
 */
export function parsePage(html: string, pageUrl: string, maxDepth: number = defaultMaxDepth): ParsedPage {
  // linkedom's own typings are not the DOM lib's; its objects implement what Readability uses.
  const document = parseHTML(html).document as unknown as Document;
  const root = ensureHtmlRoot(document);
  const { head } = ensureHeadAndBody(document, root);
  limitNesting(root, maxDepth);
  const baseUrl = effectiveBaseUrl(document, pageUrl);
  for (const base of Array.from(document.querySelectorAll('base'))) base.remove();
  const base = document.createElement('base');
  base.setAttribute('href', baseUrl);
  head.prepend(base);
  return { document, baseUrl };
}

/**
 * The document's `<html>` element, created around the top-level nodes when the input had none; nodes
 * beside it (text after `</html>` is common in hand-edited pages) are moved into it.
 */
function ensureHtmlRoot(document: Document): HTMLElement {
  const current = document.documentElement;
  const hasRoot = current !== null && current.localName === 'html';
  const root = hasRoot ? current : document.createElement('html');
  let rootSeen = false;
  const leading: Node[] = [];
  for (const node of Array.from(document.childNodes)) {
    if (node === root) rootSeen = true;
    else if (node.nodeType === node.DOCUMENT_TYPE_NODE) continue;
    else if (rootSeen || !hasRoot) root.appendChild(node);
    else leading.push(node);
  }
  root.prepend(...leading);
  if (!hasRoot) document.appendChild(root);
  return root;
}

/** The root's head and body, created when missing; every stray child of the root is moved into one of them. */
function ensureHeadAndBody(document: Document, root: HTMLElement): { head: HTMLElement; body: HTMLElement } {
  const children = Array.from(root.childNodes);
  let head = children.find((node) => isElement(node, 'head')) as HTMLElement | undefined;
  let body = children.find((node) => isElement(node, 'body')) as HTMLElement | undefined;
  if (head === undefined) {
    head = document.createElement('head');
    root.prepend(head);
  }
  if (body === undefined) {
    body = document.createElement('body');
    root.appendChild(body);
  }
  // Nodes before the body keep their order at its start; head-type elements before it go to the head.
  let bodySeen = false;
  const leading: Node[] = [];
  for (const node of children) {
    if (node === head) continue;
    if (node === body) {
      bodySeen = true;
      continue;
    }
    if (bodySeen) body.appendChild(node);
    else if (node.nodeType === node.ELEMENT_NODE && headElements.has((node as Element).localName)) {
      head.appendChild(node);
    } else leading.push(node);
  }
  body.prepend(...leading);
  if (head.nextSibling !== body) root.insertBefore(body, head.nextSibling);
  return { head, body };
}

function isElement(node: Node, localName: string): boolean {
  return node.nodeType === node.ELEMENT_NODE && (node as Element).localName === localName;
}

/** A browser's rule: the first `<base>` with an href, resolved against the page URL; only http(s) counts. */
function effectiveBaseUrl(document: Document, pageUrl: string): string {
  const declared = document.querySelector('base[href]')?.getAttribute('href');
  if (declared === null || declared === undefined) return pageUrl;
  try {
    const resolved = new URL(declared, pageUrl);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : pageUrl;
  } catch {
    // A malformed base is ignored, as browsers ignore it.
    return pageUrl;
  }
}
