/** Turns a page's JSX tree into the full HTML document every page route sends. */
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** The whole document, doctype included. preact escapes every text and attribute value. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}

/** A rendered page and the HTTP status it is sent with. */
export interface RenderedPage {
  status: number;
  html: string;
}
