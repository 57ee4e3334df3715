/**
 * The watch desk's matching cost: the same generated articles written to a fresh SQLite archive in
 * batches of 500 (the bulk import's write), once with no saved searches (the baseline, same run) and
 * once each with 1,000 and 10,000 saved searches matched after every batch (matchSavedSearches, as
 * an ingest does). The saved searches are drawn from the corpus itself (drawSavedSearches), so they
 * hit as real ones do; the hits per article are reported beside the cost.
 *
 * Two baselines, each measured in the same run: the write alone, without enrichment (the strictest
 * comparison), and the write followed by enrichment, as `wirewatch import`, `fetch` and the server's
 * poller ingest (enrichment is on by default there, and entity filters such as org: need it).
 */
import type { NewArticle } from '../../src/core/article.ts';
import { ensureShippedGazetteer } from '../../src/enrich/enrich-archive.ts';
import {
  closeEnricherCache,
  describeIngestEnrichment,
  type EnricherCache,
  enrichAfterIngest,
} from '../../src/ingest/schedule/enrich-after-ingest.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { matchSavedSearches, prepareMatching } from '../../src/watch/searches/match-saved-searches.ts';
import { countries } from '../corpus/entities.ts';
import { generateArticles } from '../corpus/generate-corpus.ts';
import { mulberry32, pick } from '../corpus/random.ts';

const batchSize = 500;

export interface WatchRun {
  savedSearches: number;
  articles: number;
  ms: number;
  perSecond: number;
  matchMs: number;
  matchMsPerArticle: number;
  hits: number;
  alerts: number;
  failed: number;
}

/**
 * `count` saved searches drawn from the corpus (deterministic for a seed), shaped as a monitoring
 * desk's are: a name with a topic word, two topic words, a two-word phrase from a text, an OR of
 * topic words with a name, a topic word from one source. Topic words are neither the commonest
 * (which match everything) nor ones seen once: ranks 500 to 20,000 of the first 5,000 articles.
 */
export function drawSavedSearches(articles: readonly NewArticle[], count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const frequency = new Map<string, number>();
  const sample = articles.slice(0, 5_000);
  const texts = sample.map((article) => article.text ?? '');
  for (const text of texts)
    for (const word of text.toLowerCase().match(/\p{L}{4,}/gu) ?? [])
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const ranked = [...frequency].sort((a, b) => b[1] - a[1]).map(([word]) => word);
  const topical = ranked.slice(500, 20_000);
  const names = countries.flatMap((country) =>
    [...country.people, ...country.places, ...country.organisations].map(
      (entity) => entity.enShort ?? entity.en,
    ),
  );
  const name = () => {
    const chosen = pick(random, names);
    return chosen.includes(' ') ? `"${chosen}"` : chosen;
  };
  const sources = [...new Set(sample.map((article) => article.source))];
  const queries: string[] = [];
  while (queries.length < count) {
    const kind = random();
    if (kind < 0.35) queries.push(`${name()} ${pick(random, topical)}`);
    else if (kind < 0.6) queries.push(`${pick(random, topical)} ${pick(random, topical)}`);
    else if (kind < 0.75) {
      const words = (pick(random, texts).match(/\p{L}{3,}/gu) ?? []).slice(0, 200);
      const at = Math.floor(random() * Math.max(1, words.length - 1));
      queries.push(words.length > 1 ? `"${words[at]} ${words[at + 1]}"` : pick(random, topical));
    } else if (kind < 0.9) queries.push(`(${pick(random, topical)} OR ${pick(random, topical)}) ${name()}`);
    else queries.push(`${pick(random, topical)} source:"${pick(random, sources)}"`);
  }
  for (const query of queries) parseQuery(query);
  return queries;
}

/**
 * Writes `articles` in batches of 500, matching `queries` as saved searches after each batch. With
 * `enrich`, each batch is enriched first, as the ingest commands and the server's poller do (on this
 * thread, the enricher built once): the product's own ingest, where the matching sees entity fields.
 */
export async function runWatchIngest(
  path: string,
  articles: readonly NewArticle[],
  queries: readonly string[],
  options: { enrich?: boolean } = {},
): Promise<WatchRun> {
  const store = await openSqliteStore({ path });
  const enricherCache: EnricherCache = { inWorker: false };
  try {
    if (queries.length > 0) await addBenchSearches(store, queries);
    if (options.enrich) await ensureShippedGazetteer(store);
    let matchMs = 0;
    let hits = 0;
    let alerts = 0;
    let failed = 0;
    const started = performance.now();
    for (let start = 0; start < articles.length; start += batchSize) {
      await store.addArticles(articles.slice(start, start + batchSize) as NewArticle[]);
      // As the ingest commands and the poller do: the new articles are tokenized for the matching
      // (on the term-presence workers) while this thread enriches them.
      if (queries.length > 0) {
        const unprepared = await prepareMatching(store);
        if (unprepared !== null) throw new Error(unprepared);
      }
      if (options.enrich) {
        const enrichment = await enrichAfterIngest(store, { cache: enricherCache });
        if (!enrichment.ok) throw new Error(describeIngestEnrichment(enrichment));
      }
      if (queries.length > 0) {
        const pass = await matchSavedSearches(store);
        matchMs += pass.ms;
        hits += pass.hits;
        alerts += pass.alerts;
        failed += pass.failed.length;
      }
    }
    const ms = performance.now() - started;
    return {
      savedSearches: queries.length,
      articles: articles.length,
      ms,
      perSecond: (articles.length / ms) * 1000,
      matchMs,
      matchMsPerArticle: matchMs / articles.length,
      hits,
      alerts,
      failed,
    };
  } finally {
    await closeEnricherCache(enricherCache);
    await store.close();
  }
}

/** An analyst owning `queries` as saved searches (no deliveries); the owner's id. */
async function addBenchSearches(store: Store, queries: readonly string[]): Promise<number> {
  const owner = await store.accounts.addUser(
    { name: 'bench', role: 'analyst', passwordHash: 'not used', mustChangePassword: false },
    { actor: 'bench', action: 'user.add', target: 'bench' },
  );
  for (const [index, query] of queries.entries())
    await store.savedSearches.add(
      {
        ownerId: owner.id,
        name: `search ${index + 1}`,
        query,
        shared: false,
        webhookUrl: null,
        digest: 'none',
      },
      { actor: 'bench', action: 'watch.add', target: `search ${index + 1}` },
    );
  return owner.id;
}

export function loadBenchArticles(size: number, seed: number): NewArticle[] {
  return [...generateArticles(size, seed)];
}

/**
 * Delivery latency on loopback: one article at a time written to an archive holding `searches`
 * saved searches (one with a webhook on a receiver at 127.0.0.1), then matched and delivered as a
 * server pass does; the time from the write's start to the receiver holding the signed POST.
 */
export async function measureWebhookLatency(
  path: string,
  articles: readonly NewArticle[],
  queries: readonly string[],
  samples: number,
): Promise<number[]> {
  const { createServer } = await import('node:http');
  const { deliverDueWebhooks } = await import('../../src/watch/deliveries/deliver-webhooks.ts');
  const { createWebhookSender } = await import('../../src/watch/deliveries/webhook-sender.ts');
  let arrived: (() => void) | null = null;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.statusCode = 204;
      response.end();
      arrived?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const store = await openSqliteStore({ path });
  const sender = createWebhookSender({ allowPrivate: ['127.0.0.1/32'] });
  try {
    const ownerId = await addBenchSearches(store, queries);
    // The watched search matches the probe word every timed article carries.
    await store.savedSearches.add(
      {
        ownerId,
        name: 'probe',
        query: 'zzprobe',
        shared: false,
        webhookUrl: `http://127.0.0.1:${port}/hook`,
        webhookSecret: 'bench',
        digest: 'none',
      },
      { actor: 'bench', action: 'watch.add', target: 'probe' },
    );
    await store.addArticles(articles.slice(0, 2_000) as NewArticle[]);
    await matchSavedSearches(store);
    const latencies: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) {
      const source = articles[2_000 + sample]!;
      const received = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      const started = performance.now();
      await store.addArticles([
        { ...source, url: undefined, text: `${source.text} zzprobe ${sample}` } as NewArticle,
      ]);
      await matchSavedSearches(store);
      await deliverDueWebhooks(store, sender);
      await received;
      latencies.push(performance.now() - started);
    }
    return latencies;
  } finally {
    await sender.close();
    await store.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
