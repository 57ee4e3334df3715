/**
 * The Store contract suite. Every Store implementation runs it unchanged: SQLite and PostgreSQL.
 * `openEmpty` must give a fresh, empty, migrated store each time it is called.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Article, NewArticle } from '../../src/core/article.ts';
import { isAppError } from '../../src/core/errors.ts';
import { parseQuery } from '../../src/search/query-parser.ts';
import {
  MARK_END,
  MARK_START,
  type SearchCursor,
  type SortOrder,
  type Store,
  type TimelineInterval,
} from '../../src/store/store.ts';
import { loadSampleArticles } from '../support/sample-articles.ts';
import { runAccountContract } from './account-contract.ts';
import { runChangeAuditContract } from './change-audit-contract.ts';
import { runClusterContract } from './cluster-contract.ts';
import { runEnrichmentContract } from './enrichment-contract.ts';
import { runRecognisedContract } from './recognised-contract.ts';
import { runSavedSearchContract } from './saved-search-contract.ts';
import { runSourceTypeContract } from './source-type-contract.ts';
import { runSubscriptionContract } from './subscription-contract.ts';
import { runTableDumpContract } from './table-dump-contract.ts';

/** Opens a fresh empty store; the suite closes it. */
export type OpenEmptyStore = () => Promise<Store>;

/** Marked text without its match markers. */
function unmark(marked: string): string {
  return marked.replaceAll(MARK_START, '').replaceAll(MARK_END, '');
}

function article(overrides: Partial<NewArticle> = {}): NewArticle {
  return { source: 'Contract Source', title: 'A headline', text: 'Some words of body text.', ...overrides };
}

/** Opens a second store on the same archive as `store` (another process's view of it); the suite closes it. */
export type ReopenStore = (store: Store) => Promise<Store>;

/** Runs the whole contract against one implementation. */
export function runStoreContract(
  name: string,
  openEmpty: OpenEmptyStore,
  options: { skip?: string | false; reopen?: ReopenStore } = {},
): void {
  describe(`Store contract: ${name}`, { skip: options.skip }, () => {
    runSubscriptionContract(openEmpty);
    runClusterContract(openEmpty);
    runEnrichmentContract(openEmpty);
    runAccountContract(openEmpty);
    runSavedSearchContract(openEmpty);
    runSourceTypeContract(openEmpty);
    runChangeAuditContract(openEmpty);
    runRecognisedContract(openEmpty, options.reopen);
    runTableDumpContract(openEmpty);

    describe('top texts (the words of the best hits)', () => {
      let store: Store;
      before(async () => {
        store = await openEmpty();
        await store.addArticles(loadSampleArticles());
      });
      after(async () => store.close());

      const searchIds = async (q: string, sort: SortOrder, perPage: number) =>
        (await store.search({ query: parseQuery(q), sort, page: 1, perPage })).hits.map((h) => h.article.id);

      it('gives the best hits in search order, with the title and the start of the text, unmarked', async () => {
        for (const [q, sort] of [
          ['Tokayev OR Syria OR "Central Asia"', 'relevance'],
          ['security', 'relevance'],
          ['lang:ru', 'newest'],
          ['', 'newest'],
          ['-Tokayev', 'newest'],
        ] as const) {
          for (const limit of [1, 3, 100]) {
            const texts = await store.topTexts(parseQuery(q), limit, 40);
            assert.deepEqual(
              texts.map((t) => t.id),
              await searchIds(q, sort, limit),
              `${q} ${limit}`,
            );
            for (const text of texts) {
              const full = (await store.getArticle(text.id))!;
              assert.equal(text.title, full.title);
              assert.equal(text.text, full.text.slice(0, 40));
            }
          }
        }
        const whole = await store.topTexts(parseQuery('Syria'), 100, 1_000_000);
        assert.ok(whole.length > 0);
        for (const text of whole) assert.equal(text.text, (await store.getArticle(text.id))!.text);
      });

      it('gives nothing for a query without matches', async () => {
        assert.deepEqual(await store.topTexts(parseQuery('zanzibarite'), 10, 100), []);
        assert.deepEqual(await store.topTexts(parseQuery('lang:xx'), 10, 100), []);
      });
    });

    describe('change token', { skip: options.reopen ? false : 'no reopen given' }, () => {
      let store: Store;
      let other: Store;
      before(async () => {
        store = await openEmpty();
        await store.addArticles(loadSampleArticles());
        other = await options.reopen!(store);
      });
      after(async () => {
        await other.close();
        await store.close();
      });

      it('stays the same across every kind of read, on both instances', async () => {
        const before = await store.changeToken();
        const otherBefore = await other.changeToken();
        const query = parseQuery('Tokayev OR "Central Asia"');
        await store.search({ query, sort: 'relevance', page: 1, perPage: 5, withScores: true });
        await other.search({ query, sort: 'newest', page: 2, perPage: 2 });
        await store.facets(query, 5);
        await store.timeline(query, 'month');
        await store.getArticle(1);
        await store.listSources();
        await store.stats();
        await store.readArticlesAfter(0, 3);
        for await (const _ of store.exportArticles(query, 'newest')) {
          // read it all
        }
        assert.equal(await store.changeToken(), before);
        assert.equal(await store.changeToken(), before);
        assert.equal(await other.changeToken(), otherBefore);
      });

      it('changes after this store writes, by itself, in a transaction and by restoring', async () => {
        let token = await store.changeToken();
        const next = async () => {
          const now = await store.changeToken();
          assert.notEqual(now, token);
          token = now;
        };
        await store.addArticles([article({ text: 'change token: a plain write' })]);
        await next();
        await store.transaction((writer) =>
          writer.addArticles([article({ text: 'change token: in a transaction' })]),
        );
        await next();
        // A restore whose ids are all below the highest one draws no new id, and still moves it.
        const [copy] = await store.readArticlesAfter(0, 1);
        const restored = (id: number, key: string): Article => ({
          ...copy!,
          id,
          url: `https://restored.example/${key}`,
          canonicalUrl: `https://restored.example/${key}`,
          text: `change token: restored ${key}`,
          contentHash: key.repeat(64).slice(0, 64),
        });
        await store.restoreArticles([restored(900_050, 'a')]);
        await next();
        await store.restoreArticles([restored(900_010, 'b')]);
        await next();
        assert.equal(await store.changeToken(), token);
      });

      it('changes after another instance on the same archive writes, even one read while that write was open', async () => {
        const token = await store.changeToken();
        await other.addArticles([article({ text: 'change token: written by the other instance' })]);
        const afterWrite = await store.changeToken();
        assert.notEqual(afterWrite, token);
        assert.equal(await store.changeToken(), afterWrite);

        let readWhileOpen = '';
        await other.transaction(async (writer) => {
          await writer.addArticles([article({ text: 'change token: committed after a read' })]);
          readWhileOpen = await store.changeToken();
        });
        const committed = await store.changeToken();
        assert.notEqual(committed, readWhileOpen, 'the commit itself moves the token');
        const found = await store.search({
          query: parseQuery('committed'),
          sort: 'newest',
          page: 1,
          perPage: 5,
        });
        assert.equal(found.total, 1);
      });

      it('may change after a rolled-back transaction but never shows it as the same state as inside it', async () => {
        let inside = '';
        await assert.rejects(
          store.transaction(async (writer) => {
            await writer.addArticles([article({ text: 'change token: rolled back' })]);
            inside = await store.changeToken();
            throw new Error('roll back');
          }),
          /roll back/,
        );
        assert.notEqual(await store.changeToken(), inside);
      });
    });

    describe('writing and dedupe', () => {
      let store: Store;
      before(async () => {
        store = await openEmpty();
      });
      after(async () => store.close());

      it('stores an article and gives it back field for field', async () => {
        const [outcome] = await store.addArticles([
          article({
            url: 'https://Example.org/news/one?utm_source=x#top',
            title: 'Round trip',
            author: 'A. Writer',
            publishedAt: '2025-05-05T10:00:00+05:00',
            language: 'en',
            text: 'Round trip body.',
          }),
        ]);
        assert.equal(outcome?.status, 'inserted');
        const stored = await store.getArticle((outcome as { id: number }).id);
        assert.ok(stored);
        assert.equal(stored.url, 'https://Example.org/news/one?utm_source=x#top');
        assert.equal(stored.canonicalUrl, 'https://example.org/news/one');
        assert.equal(stored.title, 'Round trip');
        assert.equal(stored.author, 'A. Writer');
        assert.equal(stored.publishedAt, '2025-05-05T05:00:00.000Z');
        assert.equal(stored.language, 'en');
        assert.equal(stored.source, 'Contract Source');
        assert.equal(stored.text, 'Round trip body.');
        assert.match(stored.contentHash, /^[0-9a-f]{64}$/);
        assert.equal(await store.getArticle(999_999), null);
      });

      it('says which of some URLs are archived, in canonical form, whatever their spelling', async () => {
        await store.addArticles([article({ url: 'https://known.example/story/1', text: 'Known one.' })]);
        const asked = [
          'https://KNOWN.example/story/1/?utm_source=rss#x',
          'https://known.example/story/1',
          'https://known.example/story/2',
          'not a url',
        ];
        assert.deepEqual([...(await store.knownUrls(asked))].sort(), [asked[1], asked[0]].sort());
        assert.deepEqual([...(await store.knownUrls([]))], []);
        const many = Array.from({ length: 1200 }, (_, i) => `https://known.example/other/${i}`);
        assert.deepEqual([...(await store.knownUrls([...many, asked[1]!]))], [asked[1]]);
      });

      it('keeps whether the publication date is a stand-in (a feed item dated by its fetch)', async () => {
        const outcomes = await store.addArticles([
          article({
            url: 'https://dates.example/1',
            text: 'Zebrafinch one.',
            publishedAt: '2025-05-06T08:00:00Z',
            publishedAtEstimated: true,
          }),
          article({
            url: 'https://dates.example/2',
            text: 'Zebrafinch two.',
            publishedAt: '2025-05-06T08:00:00Z',
          }),
          article({ url: 'https://dates.example/3', text: 'Zebrafinch three.', publishedAtEstimated: true }),
        ]);
        const flags = await Promise.all(
          outcomes.map(
            async (outcome) => (await store.getArticle((outcome as { id: number }).id))?.publishedAtEstimated,
          ),
        );
        assert.deepEqual(flags, [true, false, false], 'no date, nothing estimated');
        const page = await store.search({
          query: parseQuery('zebrafinch'),
          sort: 'newest',
          page: 1,
          perPage: 5,
        });
        assert.deepEqual(
          Object.fromEntries(page.hits.map((hit) => [hit.article.url, hit.article.publishedAtEstimated])),
          {
            'https://dates.example/1': true,
            'https://dates.example/2': false,
            'https://dates.example/3': false,
          },
        );
      });

      it('treats tracking parameters, fragments, host case and trailing slashes as the same URL', async () => {
        const [first] = await store.addArticles([
          article({ url: 'https://news.example/a/b', text: 'first copy' }),
        ]);
        const variants = [
          'https://NEWS.example/a/b/',
          'https://news.example/a/b#comments',
          'https://news.example/a/b?utm_medium=rss&utm_campaign=z',
          'https://news.example/a/b?fbclid=123&gclid=456',
        ];
        const outcomes = await store.addArticles(
          variants.map((url) => article({ url, text: `copy at ${url}` })),
        );
        for (const outcome of outcomes) {
          assert.deepEqual(outcome, { status: 'duplicate', id: (first as { id: number }).id, by: 'url' });
        }
        const [other] = await store.addArticles([
          article({ url: 'https://news.example/a/b?page=2', text: 'page two' }),
        ]);
        assert.equal(other?.status, 'inserted');
      });

      it('identifies articles without a URL by their normalised text', async () => {
        const text = 'The SCNS detained 22 members of the network in Jalal-Abad.';
        const [first] = await store.addArticles([article({ text })]);
        const [again] = await store.addArticles([
          article({
            title: 'Other title',
            text: '  the scns DETAINED 22 members of the network — in Jalal-Abad!  ',
          }),
        ]);
        assert.equal(first?.status, 'inserted');
        assert.deepEqual(again, { status: 'duplicate', id: (first as { id: number }).id, by: 'text' });
      });

      it("refuses an outlet's exact copy of its own article at another address, not another outlet's", async () => {
        const text = 'Border guards detained 14 people near the Dostuk crossing on Tuesday.';
        const [first] = await store.addArticles([
          article({ source: 'Copy Outlet', url: 'https://copy.example/news/1', text }),
        ]);
        const firstId = (first as { id: number }).id;
        const [amp, reslugged, sameUrl, otherOutlet] = await store.addArticles([
          article({ source: 'Copy Outlet', url: 'https://copy.example/amp/news/1', text }),
          article({
            source: 'Copy Outlet',
            url: 'https://copy.example/news/detained-14',
            text: `  ${text.toUpperCase()} `,
          }),
          article({ source: 'Copy Outlet', url: 'https://copy.example/news/1?utm_source=x', text }),
          article({ source: 'Wire Reprint', url: 'https://reprint.example/1', text }),
        ]);
        assert.deepEqual(amp, { status: 'duplicate', id: firstId, by: 'text' });
        assert.deepEqual(reslugged, { status: 'duplicate', id: firstId, by: 'text' });
        assert.deepEqual(sameUrl, { status: 'duplicate', id: firstId, by: 'url' });
        assert.equal(
          otherOutlet?.status,
          'inserted',
          'another outlet carrying the story is kept (its cluster groups them)',
        );
        const inOneBatch = await store.addArticles([
          article({ source: 'Batch Outlet', url: 'https://batch.example/a', text: 'one story told once' }),
          article({ source: 'Batch Outlet', url: 'https://batch.example/b', text: 'one story told once' }),
        ]);
        assert.equal(inOneBatch[0]?.status, 'inserted');
        assert.deepEqual(inOneBatch[1], {
          status: 'duplicate',
          id: (inOneBatch[0] as { id: number }).id,
          by: 'text',
        });
        const edited = await store.addArticles([
          article({
            source: 'Copy Outlet',
            url: 'https://copy.example/news/2',
            text: `${text} Updated at noon.`,
          }),
        ]);
        assert.equal(edited[0]?.status, 'inserted', 'an edited text is a new article, not a copy');
      });

      it('rejects an invalid article without losing the rest of its batch', async () => {
        const outcomes = await store.addArticles([
          article({ title: 'Valid one', text: 'valid text one' }),
          article({ title: '   ', text: 'no title here' }),
          article({ title: 'Bad URL', url: 'ftp://example.org/x', text: 'bad url text' }),
          article({ title: 'Bad date', publishedAt: 'yesterdayish', text: 'bad date text' }),
          article({ title: 'Valid two', text: 'valid text two' }),
        ]);
        assert.deepEqual(
          outcomes.map((o) => o.status),
          ['inserted', 'rejected', 'rejected', 'rejected', 'inserted'],
        );
        const rejected = outcomes.filter((o) => o.status === 'rejected');
        assert.match(JSON.stringify(rejected), /no title/);
        assert.match(JSON.stringify(rejected), /not an http\(s\) URL/);
        assert.match(JSON.stringify(rejected), /not a date/);
      });

      it('stores text with NUL characters without them (PostgreSQL cannot hold them)', async () => {
        const [outcome] = await store.addArticles([
          article({ title: 'Nul\u0000 title', author: 'A\u0000B', text: 'broken\u0000 encoding text' }),
        ]);
        assert.equal(outcome?.status, 'inserted');
        const stored = await store.getArticle((outcome as { id: number }).id);
        assert.equal(stored?.title, 'Nul title');
        assert.equal(stored?.author, 'AB');
        assert.equal(stored?.text, 'broken encoding text');
      });

      it('keeps everything a transaction added when it resolves, and nothing when it throws', async () => {
        const before = (await store.stats()).articleCount;
        await assert.rejects(
          store.transaction(async (writer) => {
            await writer.addArticles([article({ source: 'Rolled Back Source', text: 'rolled back one' })]);
            await writer.addArticles([article({ text: 'rolled back two' })]);
            throw new Error('abort');
          }),
          /abort/,
        );
        assert.equal((await store.stats()).articleCount, before);
        assert.equal(
          (await store.listSources()).some((s) => s.name === 'Rolled Back Source'),
          false,
        );
        const kept = await store.transaction(async (writer) =>
          writer.addArticles([article({ source: 'Kept Source', text: 'kept text' })]),
        );
        assert.equal(kept[0]?.status, 'inserted');
        assert.equal((await store.stats()).articleCount, before + 1);
        // A source created in a rolled-back transaction can be created again afterwards.
        const [again] = await store.addArticles([
          article({ source: 'Rolled Back Source', text: 'now it stays' }),
        ]);
        assert.equal(again?.status, 'inserted');
      });
    });

    describe('copying between archives', () => {
      let from: Store;
      let to: Store;
      before(async () => {
        from = await openEmpty();
        to = await openEmpty();
        await from.addArticles(loadSampleArticles());
      });
      after(async () => {
        await from.close();
        await to.close();
      });
      const withoutSourceId = (stored: Article | null) => {
        assert.ok(stored);
        const { sourceId: _sourceId, ...rest } = stored;
        return rest;
      };

      it('reads the archive in id order by keyset and restores it with the same ids and contents', async () => {
        const read: Article[] = [];
        for (let batch = await from.readArticlesAfter(0, 4); batch.length > 0; ) {
          assert.ok(batch.length <= 4);
          read.push(...batch);
          await to.restoreArticles(batch);
          batch = await from.readArticlesAfter(batch.at(-1)!.id, 4);
        }
        const ids = read.map((a) => a.id);
        assert.equal(ids.length, loadSampleArticles().length);
        assert.deepEqual(
          ids,
          [...ids].sort((a, b) => a - b),
        );
        assert.equal(new Set(ids).size, ids.length);
        for (const id of ids) {
          assert.deepEqual(
            withoutSourceId(await to.getArticle(id)),
            withoutSourceId(await from.getArticle(id)),
          );
        }
        const query = {
          query: parseQuery('"Hizb ut-Tahrir" OR Tokayev'),
          sort: 'relevance' as const,
          page: 1,
          perPage: 20,
        };
        assert.deepEqual(
          (await to.search(query)).hits.map((h) => h.article.id),
          (await from.search(query)).hits.map((h) => h.article.id),
          'restored articles are searchable',
        );
        const [next] = await to.addArticles([article({ text: 'written after the copy' })]);
        assert.equal(next?.status, 'inserted');
        assert.ok((next as { id: number }).id > Math.max(...ids), 'new ids continue after the restored ones');
      });

      it('refuses a batch that would overwrite an article, and writes none of it', async () => {
        const count = (await to.stats()).articleCount;
        const existing = (await from.readArticlesAfter(0, 1))[0]!;
        const fresh = {
          ...existing,
          id: 900_000,
          url: 'https://fresh.example/x',
          canonicalUrl: 'https://fresh.example/x',
        };
        await assert.rejects(to.restoreArticles([fresh, existing]), (error: unknown) => {
          assert.ok(isAppError(error, 'ARTICLE_CONFLICT'), String(error));
          return true;
        });
        assert.equal((await to.stats()).articleCount, count);
        assert.equal(await to.getArticle(900_000), null);
      });
    });

    describe('facets and timelines', () => {
      let store: Store;
      // Eleven articles placed on the edges that matter: a Sunday/Monday pair, a week spanning the
      // new year, an article at 01:00 on 1 January in UTC+3 (still 2024 in UTC), two undated ones,
      // one without a language (its text is too short to guess), and sources tied in count.
      const fixture: NewArticle[] = [
        [
          'Alpha Wire',
          'en',
          '2024-12-29T23:30:00Z',
          'Grain exports rise',
          'Grain harvest exports rose this week across the region.',
        ],
        [
          'Alpha Wire',
          'en',
          '2024-12-30T00:10:00Z',
          'Grain prices',
          'Grain prices fell on Monday morning in the capital.',
        ],
        [
          'Alpha Wire',
          'en',
          '2025-01-05T12:00:00Z',
          'Drought hits harvest',
          'Grain harvest hit by drought in the south of the country.',
        ],
        [
          'Beta Post',
          'en',
          '2025-01-06T08:00:00Z',
          'Harvest report',
          'Grain harvest report published by the ministry today.',
        ],
        [
          'Beta Post',
          'ru',
          '2025-01-31T23:59:59Z',
          'Урожай зерна',
          'Урожай grain собран в январе, сообщили в министерстве сельского хозяйства.',
        ],
        [
          'Beta Post',
          'ru',
          '2025-02-01T00:00:00Z',
          'Цены на зерно',
          'Цены на grain выросли в феврале, сообщили аналитики рынка.',
        ],
        ['Gamma Daily', 'ru', null, 'Зерно без даты', 'Статья про grain без даты публикации в архиве.'],
        ['Gamma Daily', null, '2023-06-15T10:00:00Z', 'Grain note', 'grain 2024'],
        [
          'Alpha Wire',
          'en',
          '2023-06-15T12:00:00Z',
          'Harvest festival',
          'The harvest festival drew crowds to the old town square.',
        ],
        [
          'Gamma Daily',
          'kk',
          '2025-01-01T01:00:00+03:00',
          'Astyq',
          'Grain astyq jinau basym. Grain exports from the steppe farms.',
        ],
        [
          'Delta Times',
          'en',
          null,
          'Undated harvest',
          'A harvest story that has no date at all in the feed.',
        ],
      ].map(([source, language, publishedAt, title, text]) => ({
        source: source!,
        language,
        publishedAt,
        title: title!,
        text: text!,
      }));
      const facets = (q: string, limit = 10) => store.facets(parseQuery(q), limit);
      const timeline = async (q: string, interval: TimelineInterval) =>
        (await store.timeline(parseQuery(q), interval)).map((b) => `${b.period}:${b.count}`);
      const counts = (list: Array<{ value: string; count: number }>) =>
        list.map((f) => `${f.value}:${f.count}`);

      before(async () => {
        store = await openEmpty();
        const outcomes = await store.addArticles(fixture);
        assert.deepEqual(
          outcomes.map((o) => o.status),
          fixture.map(() => 'inserted'),
        );
        assert.equal((await store.getArticle((outcomes[7] as { id: number }).id))?.language, null);
      });
      after(async () => store.close());

      it('counts the whole archive per source, language, year and month, largest or newest first', async () => {
        const all = await facets('');
        assert.deepEqual(counts(all.sources), [
          'Alpha Wire:4',
          'Beta Post:3',
          'Gamma Daily:3',
          'Delta Times:1',
        ]);
        assert.deepEqual(counts(all.languages), ['en:6', 'ru:3', 'kk:1']);
        assert.deepEqual(counts(all.years), ['2025:4', '2024:3', '2023:2']);
        assert.deepEqual(counts(all.months), ['2025-02:1', '2025-01:3', '2024-12:3', '2023-06:2']);
        assert.equal(all.undated, 2);
      });

      it('caps sources and months at the limit, keeping the largest sources and the newest months', async () => {
        const capped = await facets('', 3);
        assert.deepEqual(counts(capped.sources), ['Alpha Wire:4', 'Beta Post:3', 'Gamma Daily:3']);
        assert.deepEqual(counts(capped.months), ['2025-02:1', '2025-01:3', '2024-12:3']);
        assert.deepEqual(counts(capped.years), ['2025:4', '2024:3', '2023:2'], 'years are not capped');
      });

      it('counts every match of a word, breaking ties in count by value', async () => {
        const grain = await facets('grain');
        assert.deepEqual(counts(grain.sources), ['Alpha Wire:3', 'Beta Post:3', 'Gamma Daily:3']);
        assert.deepEqual(counts(grain.languages), ['en:4', 'ru:3', 'kk:1']);
        assert.deepEqual(counts(grain.years), ['2025:4', '2024:3', '2023:1']);
        assert.deepEqual(counts(grain.months), ['2025-02:1', '2025-01:3', '2024-12:3', '2023-06:1']);
        assert.equal(grain.undated, 1);
        // A rare word (looked up by id on SQLite) and a common one (scanned for) count alike.
        assert.deepEqual(counts((await facets('drought')).sources), ['Alpha Wire:1']);
      });

      it('applies words, exclusions and filters exactly as search() does', async () => {
        for (const q of [
          'grain -drought lang:en after:2024-12-30',
          'harvest -source:alpha*',
          '-grain',
          'grain OR harvest',
        ]) {
          const total = (await store.search({ query: parseQuery(q), sort: 'newest', page: 1, perPage: 100 }))
            .total;
          const f = await facets(q);
          assert.equal(
            f.sources.reduce((sum, s) => sum + s.count, 0),
            total,
            q,
          );
          assert.equal(f.years.reduce((sum, y) => sum + y.count, 0) + f.undated, total, q);
        }
        const narrow = await facets('grain -drought lang:en after:2024-12-30');
        assert.deepEqual(counts(narrow.sources), ['Alpha Wire:1', 'Beta Post:1']);
        assert.deepEqual(counts(narrow.languages), ['en:2']);
        assert.deepEqual(counts(narrow.months), ['2025-01:1', '2024-12:1']);
        assert.equal(narrow.undated, 0);
        const notAlpha = await facets('harvest -source:alpha*');
        assert.deepEqual(counts(notAlpha.sources), ['Beta Post:1', 'Delta Times:1']);
        assert.equal(notAlpha.undated, 1);
        const excluded = await facets('-grain');
        assert.deepEqual(counts(excluded.sources), ['Alpha Wire:1', 'Delta Times:1']);
        assert.deepEqual(counts(excluded.years), ['2023:1']);
        const none = await facets('zanzibarite');
        assert.deepEqual(none, { sources: [], languages: [], years: [], months: [], undated: 0 });
      });

      it('buckets the archive by ISO week (Monday), day, month and year in UTC, leaving out undated articles', async () => {
        assert.deepEqual(await timeline('', 'week'), [
          '2023-06-12:2',
          '2024-12-23:1',
          '2024-12-30:3',
          '2025-01-06:1',
          '2025-01-27:2',
        ]);
        assert.deepEqual(await timeline('', 'day'), [
          '2023-06-15:2',
          '2024-12-29:1',
          '2024-12-30:1',
          '2024-12-31:1',
          '2025-01-05:1',
          '2025-01-06:1',
          '2025-01-31:1',
          '2025-02-01:1',
        ]);
        assert.deepEqual(await timeline('', 'month'), [
          '2023-06-01:2',
          '2024-12-01:3',
          '2025-01-01:3',
          '2025-02-01:1',
        ]);
        assert.deepEqual(await timeline('', 'year'), ['2023-01-01:2', '2024-01-01:3', '2025-01-01:4']);
      });

      it('buckets only the matches of a query', async () => {
        assert.deepEqual(await timeline('grain -drought lang:en after:2024-12-30', 'week'), [
          '2024-12-30:1',
          '2025-01-06:1',
        ]);
        assert.deepEqual(await timeline('grain', 'year'), ['2023-01-01:1', '2024-01-01:3', '2025-01-01:4']);
        assert.deepEqual(await timeline('-grain', 'month'), ['2023-06-01:1']);
        assert.deepEqual(await timeline('source:"Gamma Daily"', 'day'), ['2023-06-15:1', '2024-12-31:1']);
        assert.deepEqual(await timeline('zanzibarite', 'week'), []);
      });
    });

    describe('paging by cursor (search-after)', () => {
      let store: Store;
      // Forty articles on five dates (so most dates are shared and ids break the ties), nine undated,
      // two sources, "grain" in every third text: the edges a keyset must get right.
      const dates = [
        '2024-03-01T10:00:00Z',
        '2024-03-02T00:00:00Z',
        '2023-12-31T23:59:59.999Z',
        '2025-01-01T00:00:00Z',
      ];
      const fixture: NewArticle[] = Array.from({ length: 40 }, (_, index) => ({
        source: index % 2 === 0 ? 'Alpha Wire' : 'Beta Post',
        publishedAt: index % 5 === 4 || index === 7 ? null : dates[(index * 7) % dates.length],
        title: `Cursor article ${index}`,
        text: `${index % 3 === 0 ? 'grain harvest' : 'market report'} number ${index} of the cursor fixture.`,
      }));
      const cases: Array<[string, SortOrder]> = [
        ['', 'newest'],
        ['', 'oldest'],
        ['', 'relevance'],
        ['grain', 'newest'],
        ['grain', 'oldest'],
        ['source:"Alpha Wire"', 'newest'],
        ['source:"Alpha Wire"', 'oldest'],
        ['grain source:beta-post', 'oldest'],
        ['-grain', 'newest'],
        ['market lang:en', 'newest'],
      ];
      const page = (q: string, sort: SortOrder, pageNumber: number, perPage: number, after?: SearchCursor) =>
        store.search({ query: parseQuery(q), sort, page: pageNumber, perPage, after });

      before(async () => {
        store = await openEmpty();
        const outcomes = await store.addArticles(fixture);
        assert.deepEqual(
          outcomes.map((o) => o.status),
          fixture.map(() => 'inserted'),
        );
      });
      after(async () => store.close());

      it('orders by date with ties broken by id and undated articles last, both ways', async () => {
        const all = (await page('', 'newest', 1, 100)).hits.map((h) => h.article);
        const key = (a: { publishedAt: string | null; id: number }) => [a.publishedAt ?? '', a.id] as const;
        const byDate = (x: (typeof all)[number], y: (typeof all)[number]) => {
          if ((x.publishedAt === null) !== (y.publishedAt === null)) return x.publishedAt === null ? 1 : -1;
          const [xd, xi] = key(x);
          const [yd, yi] = key(y);
          return xd === yd ? xi - yi : xd < yd ? -1 : 1;
        };
        const dated = all.filter((a) => a.publishedAt !== null);
        const undated = all.filter((a) => a.publishedAt === null);
        assert.equal(undated.length, 9);
        assert.deepEqual(
          all.map((a) => a.id),
          [...[...dated].sort(byDate).reverse(), ...[...undated].sort((x, y) => y.id - x.id)].map(
            (a) => a.id,
          ),
        );
        const oldest = (await page('', 'oldest', 1, 100)).hits.map((h) => h.article.id);
        assert.deepEqual(
          oldest,
          [...all].sort(byDate).map((a) => a.id),
        );
      });

      it('walks every page by cursor in exactly the offset order, with no gaps or duplicates', async () => {
        for (const [q, sort] of cases) {
          const everything = await page(q, sort, 1, 100);
          const expected = everything.hits.map((h) => h.article.id);
          assert.ok(expected.length > 3, `${q} ${sort} has several pages`);
          assert.equal(everything.next, null, 'one page holding everything has no next');
          for (const perPage of [1, 3, 4, 7]) {
            const walked: number[] = [];
            let cursor: SearchCursor | undefined;
            for (let at = 1; ; at++) {
              const result = await page(q, sort, at, perPage, cursor);
              assert.equal(result.total, expected.length);
              const ids = result.hits.map((h) => h.article.id);
              // The same page by offset holds the same hits.
              const byOffset = await page(q, sort, at, perPage);
              assert.deepEqual(
                ids,
                byOffset.hits.map((h) => h.article.id),
                `${q} ${sort} ${perPage} page ${at}`,
              );
              assert.deepEqual(result.next, byOffset.next);
              walked.push(...ids);
              if (result.next === null) break;
              assert.equal(ids.length, perPage);
              const last = result.hits.at(-1)!.article;
              assert.deepEqual(result.next, { publishedAt: last.publishedAt, id: last.id });
              cursor = result.next;
              assert.ok(at <= expected.length, 'the walk ends');
            }
            assert.deepEqual(walked, expected, `${q} ${sort} by ${perPage}`);
          }
        }
      });

      it('gives no cursor for results by relevance, and refuses one', async () => {
        const ranked = await page('grain', 'relevance', 1, 2);
        assert.ok(ranked.total > 2);
        assert.equal(ranked.next, null);
        await assert.rejects(
          page('grain', 'relevance', 2, 2, { publishedAt: null, id: 1 }),
          (error: unknown) => {
            assert.ok(isAppError(error, 'SEARCH_BAD_CURSOR'), String(error));
            return true;
          },
        );
      });

      it('refuses a malformed cursor with SEARCH_BAD_CURSOR', async () => {
        for (const bad of [
          { publishedAt: 'yesterday', id: 3 },
          { publishedAt: '2024-03-01T10:00:00.000Z', id: -1 },
          { publishedAt: null, id: 1.5 },
          { publishedAt: "2024' OR 1=1 --", id: 2 },
        ]) {
          await assert.rejects(page('', 'newest', 2, 3, bad), (error: unknown) => {
            assert.ok(isAppError(error, 'SEARCH_BAD_CURSOR'), String(error));
            return true;
          });
        }
      });

      it('starts after a cursor however deep the page number, past the deepest offset page', async () => {
        const first = await page('', 'oldest', 1, 5);
        const deep = await page('', 'oldest', 1_000_000, 5, first.next!);
        assert.deepEqual(
          deep.hits.map((h) => h.article.id),
          (await page('', 'oldest', 2, 5)).hits.map((h) => h.article.id),
        );
      });
    });

    describe('searching the sample archive', () => {
      let store: Store;
      const sample = loadSampleArticles();
      const search = async (q: string, sort: SortOrder = 'relevance', page = 1, perPage = 10) =>
        store.search({ query: parseQuery(q), sort, page, perPage });
      const titles = async (q: string, sort: SortOrder = 'relevance') =>
        (await search(q, sort, 1, 100)).hits.map((hit) => hit.article.title);
      const titleOf = (fragment: string) => sample.find((a) => a.title.includes(fragment))!.title;

      before(async () => {
        store = await openEmpty();
        const outcomes = await store.addArticles(sample);
        assert.equal(outcomes.filter((o) => o.status === 'inserted').length, sample.length);
      });
      after(async () => store.close());

      it('browses everything newest first with an exact total when the query is empty', async () => {
        const page = await search('', 'relevance', 1, 5);
        assert.equal(page.total, sample.length);
        assert.equal(page.hits.length, 5);
        const dates = page.hits.map((hit) => hit.article.publishedAt!);
        assert.deepEqual(dates, [...dates].sort().reverse());
        assert.equal(page.hits[0]?.score, null);
      });

      it('matches words case-insensitively and with English stemming', async () => {
        const hits = await titles('EXTREMISTS');
        assert.ok(hits.includes(titleOf('Extremist Leaflets')), 'plural matches the singular');
        assert.ok(hits.includes(titleOf('Osh Police')));
        const detained = await titles('detaining');
        assert.ok(detained.includes(titleOf('Osh Police')), '"detaining" matches "Detain" in a title');
        assert.ok(detained.includes(titleOf('Jails Five')) === false);
        assert.ok((await titles('organisations')).includes(titleOf('Tightening Rules')));
      });

      it('ignores accents', async () => {
        assert.deepEqual(await titles('cafe'), [titleOf('Aktau Rehabilitation')]);
        assert.deepEqual(await titles('café'), [titleOf('Aktau Rehabilitation')]);
      });

      it('matches phrases only with the words together and in order', async () => {
        assert.deepEqual(await titles('"Hizb ut-Tahrir"'), [titleOf('Osh Police')]);
        assert.deepEqual(await titles('"Tahrir Hizb"'), []);
      });

      it('supports OR, NOT, minus and parentheses', async () => {
        const either = await titles('"Hizb ut-Tahrir" OR HTS');
        assert.deepEqual(new Set(either), new Set([titleOf('Osh Police'), titleOf('Weigh Return')]));
        const withoutSyria = await titles('extremist -Syria');
        assert.ok(withoutSyria.length > 0);
        assert.ok(!withoutSyria.includes(titleOf('Counter-Terrorism Strategy')));
        assert.deepEqual(await titles('extremist NOT Syria'), withoutSyria);
        const grouped = await titles('(Tokayev OR Mirziyoyev) terrorism');
        assert.ok(grouped.includes(titleOf('Counter-Terrorism Strategy')));
        assert.ok(grouped.includes(titleOf('Shared Terrorism Database')));
      });

      it('matches prefixes', async () => {
        const hits = await titles('radicali*');
        assert.ok(hits.includes(titleOf('Online Radicalisation')));
        assert.ok(hits.includes(titleOf('Shared Terrorism Database')));
      });

      it('limits words to the title with title:', async () => {
        assert.deepEqual(await titles('title:Japarov'), [titleOf('Japarov Signs')]);
        assert.deepEqual(await titles('title:Syria'), [titleOf('Weigh Return')]);
        assert.ok((await titles('Syria')).length > 1);
        assert.deepEqual(await titles('text:Syria title:Tokayev'), [titleOf('Counter-Terrorism Strategy')]);
      });

      it('filters by source, language and date', async () => {
        assert.deepEqual(
          new Set(await titles('source:"Tashkent Wire"')),
          new Set([titleOf('Shared Terrorism'), titleOf('Samarkand')]),
        );
        assert.deepEqual(await titles('source:tashkent-wire Samarkand'), [titleOf('Samarkand')]);
        const russian = await titles('lang:ru');
        assert.equal(russian.length, 2);
        assert.deepEqual(await titles('призвал lang:ru'), [titleOf('Токаев призвал')]);
        assert.deepEqual(await titles('Токаев lang:en'), []);
        const since = await titles('after:2025-03-01', 'newest');
        assert.deepEqual(since, [
          titleOf('Extremist Leaflets'),
          titleOf('Counter-Terrorism Strategy'),
          titleOf('Спортивные'),
          titleOf('Osh Police'),
        ]);
        assert.deepEqual(await titles('before:2022-01-01'), [titleOf('Turkmenistan Says')]);
        assert.deepEqual(await titles('date:2024-11'), [titleOf('Samarkand')]);
        assert.deepEqual(await titles('date:2025-05-12'), [titleOf('Extremist Leaflets')]);
        assert.equal((await search('source:"No Such Outlet"')).total, 0);
      });

      it('excludes words when nothing else is asked for', async () => {
        const page = await search('-Syria');
        const withSyria = (await search('Syria')).total;
        assert.equal(page.total, sample.length - withSyria);
        assert.ok(page.hits.every((hit) => hit.marked.text.indexOf('Syria') === -1));
      });

      it('ranks a title match above a body-only match, with scores on request', async () => {
        const hits = await store.search({
          query: parseQuery('Japarov'),
          sort: 'relevance',
          page: 1,
          perPage: 10,
          withScores: true,
        });
        assert.equal(hits.hits[0]?.article.title, titleOf('Japarov Signs'));
        assert.ok(hits.hits.every((hit) => typeof hit.score === 'number'));
        const scores = hits.hits.map((hit) => hit.score!);
        assert.deepEqual(
          scores,
          [...scores].sort((a, b) => b - a),
        );
      });

      it('sorts by date either way on request', async () => {
        const newest = (await search('Central', 'newest', 1, 100)).hits.map((h) => h.article.publishedAt!);
        assert.ok(newest.length > 2);
        assert.deepEqual(newest, [...newest].sort().reverse());
        const oldest = (await search('Central', 'oldest', 1, 100)).hits.map((h) => h.article.publishedAt!);
        assert.deepEqual(oldest, [...newest].reverse());
      });

      it('pages through results with an exact total', async () => {
        const all = (await search('', 'newest', 1, 100)).hits.map((h) => h.article.id);
        const pages = [];
        for (let page = 1; page <= 3; page++)
          pages.push(...(await search('', 'newest', page, 5)).hits.map((h) => h.article.id));
        assert.deepEqual(pages, all);
        const past = await search('', 'newest', 4, 5);
        assert.equal(past.total, sample.length);
        assert.equal(past.hits.length, 0);
      });

      it('marks the matched words in the title and text of each hit', async () => {
        const page = await search('Tokayev radical');
        assert.equal(page.hits.length, 1);
        const hit = page.hits[0]!;
        assert.ok(hit.marked.title.startsWith(`${MARK_START}Tokayev${MARK_END} Orders`));
        assert.ok(hit.marked.text.includes(`${MARK_START}Tokayev${MARK_END} said`));
        assert.ok(hit.marked.text.includes(`${MARK_START}radical${MARK_END} propaganda`));
        assert.ok(!hit.marked.text.includes(`${MARK_START}Security`), 'unmatched words are not marked');
      });

      it('marks each hit in its own text, not in another match (regression: FTS5 rowid bound as REAL)', async () => {
        for (const q of ['"Hizb ut-Tahrir" OR HTS', 'Syria', 'Central OR security']) {
          const page = await search(q);
          assert.ok(page.hits.length > 1, q);
          for (const hit of page.hits) {
            const stored = await store.getArticle(hit.article.id);
            assert.equal(unmark(hit.marked.title), stored?.title, q);
            assert.equal(unmark(hit.marked.text), stored?.text, q);
          }
        }
      });

      it('exports every match in the requested order', async () => {
        const exported = [];
        for await (const item of store.exportArticles(parseQuery('Central'), 'newest')) exported.push(item);
        const page = await search('Central', 'newest', 1, 100);
        assert.deepEqual(
          exported.map((a) => a.id),
          page.hits.map((h) => h.article.id),
        );
        assert.ok(exported.every((a) => a.text.length > 0));
      });

      it('summarises the archive and its sources', async () => {
        const stats = await store.stats();
        assert.equal(stats.articleCount, sample.length);
        assert.equal(stats.sourceCount, new Set(sample.map((a) => a.source)).size);
        assert.equal(stats.firstPublishedAt, '2021-07-02T00:00:00.000Z');
        assert.equal(stats.lastPublishedAt, '2025-05-12T09:30:00.000Z');
        assert.equal(stats.languages.ru, 2);
        assert.equal(stats.years['2025'], 6);
        assert.ok(stats.schemaVersion >= 1);
        assert.equal(
          stats.highestArticleId,
          Math.max(...(await search('', 'newest', 1, 100)).hits.map((h) => h.article.id)),
        );
        const sources = await store.listSources();
        const tashkent = sources.find((s) => s.name === 'Tashkent Wire');
        assert.equal(tashkent?.articleCount, 2);
        assert.equal(tashkent?.slug, 'tashkent-wire');
        assert.equal(tashkent?.lastPublishedAt, '2025-02-26T08:00:00.000Z');
      });
    });
  });
}
