/**
 * The frame of every page: head (stylesheet, OpenSearch), skip link, header with the search box and
 * the main navigation, main (and an optional aside), footer with the exports and the API docs.
 */
import type { ComponentChildren } from 'preact';
import { assetHref } from './asset-files.ts';

/** What a page puts into the frame. */
export interface LayoutProps {
  /** The page's own title; " · wirewatch" is added. */
  title: string;
  /** The query shown in the header's search box. */
  q?: string;
  /** Which navigation entry is the current page. */
  current?: 'home' | 'search' | 'compare' | 'entities' | 'events' | 'sources';
  /** Extra `<link>` elements for the head (feeds, rel=prev/next). */
  head?: ComponentChildren;
  /** Rendered as the page's `<aside>` (facets); stacks under main on narrow screens. */
  sidebar?: ComponentChildren;
  /** When set, the footer links the CSV and JSONL exports of this query. */
  exportQuery?: string;
  children: ComponentChildren;
}

const navEntries = [
  { key: 'home', href: '/', label: 'Home' },
  { key: 'search', href: '/search?q=', label: 'Latest' },
  { key: 'compare', href: '/compare', label: 'Compare' },
  { key: 'entities', href: '/entities', label: 'Entities' },
  { key: 'events', href: '/events', label: 'Events' },
  { key: 'sources', href: '/sources', label: 'Sources' },
] as const;

/** The page frame. */
export function Layout(props: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · wirewatch`}</title>
        <link rel="stylesheet" href={assetHref('desk.css')} />
        <link rel="icon" type="image/svg+xml" href={assetHref('favicon.svg')} />
        <link
          rel="search"
          type="application/opensearchdescription+xml"
          title="wirewatch"
          href="/opensearch.xml"
        />
        {props.head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            wirewatch
          </a>
          <search class="search-form">
            <form action="/search" method="get">
              <label for="q" class="visually-hidden">
                Search the archive
              </label>
              <input
                id="q"
                name="q"
                type="search"
                value={props.q ?? ''}
                maxLength={1000}
                autocomplete="off"
              />
              <button type="submit">Search</button>
            </form>
          </search>
          <nav class="site-nav" aria-label="Main">
            <ul>
              {navEntries.map((entry) => (
                <li key={entry.key}>
                  <a href={entry.href} aria-current={props.current === entry.key ? 'page' : undefined}>
                    {entry.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <div class={props.sidebar ? 'page with-sidebar' : 'page'}>
          <main id="main" tabIndex={-1}>
            {props.children}
          </main>
          {props.sidebar ? <aside aria-label="Refine the results">{props.sidebar}</aside> : null}
        </div>
        <Footer exportQuery={props.exportQuery} />
      </body>
    </html>
  );
}

function Footer({ exportQuery }: { exportQuery: string | undefined }) {
  const params = exportQuery === undefined ? '' : new URLSearchParams({ q: exportQuery }).toString();
  return (
    <footer class="site-footer">
      {exportQuery !== undefined ? (
        <p>
          Export these results: <a href={`/search.csv?${params}`}>CSV</a> ·{' '}
          <a href={`/search.jsonl?${params}`}>JSONL</a> · <a href={`/search.atom?${params}`}>Atom feed</a>
        </p>
      ) : null}
      <p>
        wirewatch — a self-hosted news archive · <a href="/api/docs">API documentation</a> ·{' '}
        <a href="/sources">Sources</a>
      </p>
    </footer>
  );
}
