/**
 * Where a search request's time goes, piece by piece, in one process on the benchmark archive (no HTTP):
 * `node --import tsx bench/http/pieces.ts DB RUNS` times, for every query of the mix, the page of hits
 * (parse, FTS5, snippets), the facet counts, the timeline, the top words, the API's JSON (zod encode +
 * stringify) and the whole results page (whose remainder after the pieces is rendering). Prints JSON.
 */
import { presentSearch } from '../../src/api/search/present-search.ts';
import { facetLimit as apiFacetLimit, toSortOrder } from '../../src/api/search/search-route.ts';
import { SearchResponseSchema } from '../../src/api/search/search-schema.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import { searchArticles } from '../../src/search/search-articles.ts';
import { buildTimeline } from '../../src/search/search-timeline.ts';
import { findTopWords } from '../../src/search/top-words.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { findSimilarArticles } from '../../src/search/more-like-this.ts';
import { showArticlePage } from '../../src/web/article-page.tsx';
import { suggestBroaderQuery } from '../../src/web/broader-query.ts';
import { readSearchState } from '../../src/web/search-params.ts';
import { showSearchPage } from '../../src/web/search-page.tsx';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { percentiles, timeMs } from '../latency.ts';
import { searchMix } from './scenarios.ts';

/** The results page's list lengths (src/web/search-page.tsx). */
const pageFacetLimit = 12;
const pageTopWordLimit = 15;
/** "More like this" on the article page (src/web/article-page.tsx). */
const articleSimilarLimit = 5;

const [dbPath, runsArg, idsArg] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: pieces.ts DB [RUNS] [ID,ID,…]');
const runs = Number(runsArg ?? 15);

const store = await openSqliteStore({ path: dbPath, mustExist: true });
const serialize = serializerCompiler({
  schema: SearchResponseSchema,
  method: 'GET',
  url: '/api/v1/search',
  httpStatus: '200',
} as Parameters<typeof serializerCompiler>[0]) as (data: unknown) => string;

/** p50 of `runs` timed calls after one untimed one. */
async function p50(work: () => unknown): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) samples.push(await timeMs(work));
  return percentiles(samples).p50;
}

const rows = [];
for (const mix of searchMix) {
  const sort = toSortOrder(mix.sort ?? 'relevance');
  const input = { q: mix.q, sort, page: mix.page ?? 1, perPage: 10, withScores: sort === 'relevance' };
  const query = parseQuery(mix.q);
  const results = await searchArticles(store, input);
  const facets = await store.facets(query, apiFacetLimit);
  const timeline = await buildTimeline(store, query, 'auto');
  const state = readSearchState({
    q: mix.q,
    page: String(mix.page ?? 1),
    ...(mix.sort ? { sort: mix.sort } : {}),
  });
  const today = new Date();
  const row = {
    name: mix.name,
    q: mix.q,
    total: results.total,
    parseMs: await p50(() => parseQuery(mix.q)),
    searchMs: await p50(() => searchArticles(store, input)),
    // The results page asks without scores (no ranking pass for the numbers it does not show).
    pageSearchMs: await p50(() => searchArticles(store, { ...input, withScores: false })),
    facetsMs: await p50(() => store.facets(query, apiFacetLimit)),
    timelineMs: await p50(() => buildTimeline(store, query, 'auto')),
    topWordsMs:
      results.total === 0 || query.root === null
        ? 0
        : await p50(() => findTopWords(store, query, pageTopWordLimit)),
    broaderMs: results.total > 0 ? 0 : await p50(() => suggestBroaderQuery(store, query)),
    pageFacetsMs: await p50(() => store.facets(query, pageFacetLimit)),
    apiJsonMs: await p50(() => serialize(presentSearch(mix.q, results, facets, timeline))),
    apiJsonBytes: serialize(presentSearch(mix.q, results, facets, timeline)).length,
    htmlPageMs: await p50(() => showSearchPage(store, state, today)),
    renderMs: 0,
  };
  // The results page runs search, facets, timeline and top words (or, without hits, the broader-query
  // suggestion) one after another (SQLite is synchronous), so what is left of its time is rendering.
  row.renderMs = Math.max(
    0,
    row.htmlPageMs - row.pageSearchMs - row.pageFacetsMs - row.timelineMs - row.topWordsMs - row.broaderMs,
  );
  rows.push(row);
}

// The article page: the article, "more like this" (a relevance search for an OR of its distinctive
// words), and the rest, which is rendering.
const articleRows = [];
for (const id of (idsArg ?? '').split(',').filter(Boolean).map(Number)) {
  const article = await store.getArticle(id);
  if (!article) throw new Error(`no article ${id}`);
  const row = {
    id,
    textKb: article.text.length / 1024,
    getArticleMs: await p50(() => store.getArticle(id)),
    similarMs: await p50(() => findSimilarArticles(store, article, articleSimilarLimit)),
    pageMs: await p50(() => showArticlePage(store, String(id))),
    renderMs: 0,
  };
  row.renderMs = Math.max(0, row.pageMs - row.getArticleMs - row.similarMs);
  articleRows.push(row);
}
await store.close();
process.stdout.write(JSON.stringify({ runs, rows, articleRows }));
