/**
 * The percolator against the queries it replaces, on a real SQLite archive: for a few thousand
 * saved queries of every shape (words, prefixes, phrases, hyphenated words, AND, OR, NOT, title: and
 * text:, filters, Russian words and names that expansion widens) over generated articles and
 * articles written to trip a tokenizer (accents, combining marks, non-ASCII dashes and quotes,
 * dotted capitals, ligatures, digits inside words, other scripts), every search the percolator
 * decides must have exactly the ids its query gives through matchingIds. The ones it leaves to the
 * query are counted, so that a percolator that decides nothing fails too.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateArticles } from '../../../bench/corpus/generate-corpus.ts';
import { mulberry32, pick } from '../../../bench/corpus/random.ts';
import { testDatabases } from '../../../test/support/test-postgres.ts';
import type { NewArticle } from '../../core/article.ts';
import { enrichArchive, ensureShippedGazetteer } from '../../enrich/enrich-archive.ts';
import { expandQueries } from '../../search/expand-query.ts';
import { withQueryExpansion } from '../../search/expanding-store.ts';
import { parseQuery } from '../../search/query-parser.ts';
import { openPostgresStore } from '../../store/postgres/postgres-store.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { percolate } from './percolate.ts';

/** Texts with what tokenizers disagree on. */
const awkward: NewArticle[] = [
  [
    'Café naïve résumé',
    'The café in Türkmenbaşy served a naïve résumé; CAFÉ and cafe are one word to the index.',
  ],
  [
    'Combining marks',
    'Decomposed: cafe\u0301 and re\u0301sume\u0301 and Te\u0301rmez, beside precomposed Térmez.',
  ],
  [
    'Dashes and quotes',
    'Hizb ut-Tahrir and Hizb\u2011ut\u2011Tahrir, «Талибан» and “Taliban”, al‐Qaeda, al—Qaeda and al-Qaeda.',
  ],
  ['Dotted capitals', 'İstanbul and ISTANBUL, Iğdır, ǅemal, ﬁnancing (a ligature), Straße and STRASSE.'],
  [
    'Digits inside words',
    'The 2nd court, COVID-19, 3rd-party, A4 paper, x86_64 servers, 1,000 and 1.000 and 10km.',
  ],
  ['Other scripts', '北京 and 東京 news; Ωmega; عربي; עברית; 🙂 emoji; Ԁ; ⅣⅧ roman numerals; ²³ powers.'],
  [
    'Задержаны члены группы',
    'В Оше задержаны 22 члена запрещённой организации; задержан ещё один. Токаев и Tokayev, Тоқаев.',
  ],
  ['Apostrophes', "O'Neil, d'Artagnan, rock'n'roll, Qur'an and Qur’an, can't and cannot."],
  [
    'Stemming',
    'Returnees returned, returning; repatriation repatriated repatriates; relational relations generalization.',
  ],
  ['Long words', `${'x'.repeat(80)} and ${'extremism'.repeat(9)} and hop hopping hopped.`],
].map(([title, text], index) => ({ source: `Awkward ${index % 3}`, title: title!, text: text! }));

const databases = await testDatabases();
const engines: { name: string; skip: string | false; open: (dir: string) => Promise<Store> }[] = [
  { name: 'sqlite', skip: false, open: (dir) => openSqliteStore({ path: join(dir, 'archive.db') }) },
  {
    name: 'postgres',
    skip: databases.skip,
    open: async () => openPostgresStore({ url: await databases.create() }),
  },
];

for (const engine of engines)
  describe(`the percolator decides saved searches exactly as their queries do (${engine.name})`, {
    skip: engine.skip,
  }, () => {
    let directory: string;
    let store: Store;
    let words: string[];
    let sources: string[];

    before(async () => {
      directory = mkdtempSync(join(tmpdir(), 'wirewatch-percolate-'));
      store = await engine.open(directory);
      await ensureShippedGazetteer(store);
      const generated = [...generateArticles(1_200, 7)];
      await store.addArticles(generated.slice(0, 500));
      await store.addArticles([...awkward, ...generated.slice(500)]);
      await enrichArchive(store);
      const vocabulary = new Set<string>();
      for (const article of [...generated.slice(0, 200), ...awkward])
        for (const word of `${article.title} ${article.text}`.match(
          /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’‐‑-]*/gu,
        ) ?? [])
          vocabulary.add(word);
      words = [...vocabulary];
      sources = [...new Set(generated.map((article) => article.source))];
    });
    after(async () => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    });

    it('gives the same ids as matchingIds for every search it decides', async () => {
      const random = mulberry32(11);
      const word = () => {
        const chosen = pick(random, words);
        const shape = random();
        if (shape < 0.15) return chosen.toUpperCase();
        if (shape < 0.3) return `${chosen.slice(0, Math.max(2, Math.floor(chosen.length * 0.7)))}*`;
        if (shape < 0.35) return `title:${chosen}`;
        if (shape < 0.4) return `text:${chosen}`;
        return chosen;
      };
      const phrase = () => {
        const text =
          pick(
            random,
            awkward.concat(awkward, [{ source: '', title: '', text: words.slice(0, 400).join(' ') }]),
          ).text ?? '';
        const run = text.split(/\s+/);
        const at = Math.floor(random() * Math.max(1, run.length - 2));
        return `"${run
          .slice(at, at + 1 + Math.floor(random() * 3))
          .join(' ')
          .replaceAll('"', '')}"`;
      };
      const clause = (): string => {
        const kind = random();
        if (kind < 0.45) return word();
        if (kind < 0.6) return phrase();
        if (kind < 0.75) return `(${word()} OR ${word()})`;
        if (kind < 0.85) return `${word()} -${word()}`;
        if (kind < 0.89) return `${word()} source:"${pick(random, sources)}"`;
        if (kind < 0.9) return `${word()} -lang:ru after:2025-03-01`;
        if (kind < 0.92) return `${phrase()} OR ${word()} before:2025-06-01`;
        return `(${word()} ${word()}) OR ${phrase()}`;
      };
      const texts: string[] = [];
      while (texts.length < 3_000) {
        const text = random() < 0.5 ? clause() : `${clause()} ${clause()}`;
        try {
          if (parseQuery(text).root !== null) texts.push(text);
        } catch {
          // A generated string the parser refuses (a stray operator) is not a saved search.
        }
      }
      const parsed = texts.map((text) => parseQuery(text));
      const expanded = await expandQueries(parsed, store.enrichment);
      // Past one slice of the stores' term presence (1,000 articles): ranges that span two.
      const upTo = 1_210;
      const afterOf = (index: number) => [0, 400, 500, 1_000, 1_205][index % 5]!;
      const searching = withQueryExpansion(store);
      const { decided, warning } = await percolate(
        store.termPresence!,
        (query, range, limit) => searching.matchingIds(query, range, limit),
        expanded.map((entry, index) => ({ id: index, query: entry.query, after: afterOf(index) })),
        upTo,
        1_000,
      );
      assert.equal(warning, null);
      let sure = 0;
      let hits = 0;
      for (const [index, text] of texts.entries()) {
        const ids = decided.get(index);
        assert.ok(ids !== undefined, `no answer for ${text}`);
        if (ids === null) continue;
        sure += 1;
        hits += ids.length;
        let expected: number[];
        try {
          expected = await searching.matchingIds(parsed[index]!, { after: afterOf(index), upTo }, 1_000);
        } catch (error) {
          assert.fail(`the percolator decided ${text}, which its query refuses: ${String(error)}`);
        }
        assert.deepEqual(ids, expected, `${text} (after ${afterOf(index)})`);
      }
      // Only queries the planner refuses are left to the query, and the searches do find things.
      assert.ok(sure > texts.length * 0.95, `only ${sure} of ${texts.length} decided`);
      assert.ok(hits > 1_000, `only ${hits} hits among the decided searches`);
    });

    it('leaves a search whose filters the store cannot check to its query, and decides the others', async () => {
      const queries = ['court source:"Nowhere Gazette"', 'court', 'court lang:en'].map((text) =>
        parseQuery(text),
      );
      const { decided } = await percolate(
        store.termPresence!,
        async (query) => {
          if (query.source.includes('Nowhere')) throw new Error('the filter broke');
          return withQueryExpansion(store).matchingIds(query, { after: 500, upTo: 1_210 }, 10_000);
        },
        queries.map((query, index) => ({ id: index, query, after: 500 })),
        1_210,
        1_000,
      );
      assert.equal(decided.get(0), null);
      const court = decided.get(1)!;
      assert.ok(court.length > 0);
      assert.deepEqual(
        court,
        await withQueryExpansion(store).matchingIds(queries[1]!, { after: 500, upTo: 1_210 }, 1_000),
      );
      assert.deepEqual(
        decided.get(2),
        await withQueryExpansion(store).matchingIds(queries[2]!, { after: 500, upTo: 1_210 }, 1_000),
      );
    });

    // FTS5's reading in particular (PostgreSQL's stems and folds differ; the test above holds it to its own queries).
    it('answers with FTS5’s own reading: accents, dashes, stems and phrases', {
      skip: engine.name !== 'sqlite',
    }, async () => {
      const probes = [
        { kind: 'term', value: 'cafe', prefix: false },
        { kind: 'term', value: 'Termez', prefix: false },
        { kind: 'term', value: 'ut-Tahrir', prefix: false },
        { kind: 'term', value: 'istanbul', prefix: false },
        { kind: 'term', value: 'returnee', prefix: false },
        { kind: 'term', value: 'relation', prefix: true },
        { kind: 'term', value: 'задержаны', prefix: false },
        { kind: 'phrase', value: 'hop hopping' },
        { kind: 'phrase', value: 'and and' },
        { kind: 'term', value: 'combining', prefix: false, column: 'title' },
        { kind: 'term', value: 'combining', prefix: false, column: 'text' },
      ] as const;
      const presence = await store.termPresence!.termPresence({ after: 500, upTo: 510 }, probes);
      assert.deepEqual(presence.ids, [501, 502, 503, 504, 505, 506, 507, 508, 509, 510]);
      assert.deepEqual(presence.matches, [
        [501, 502], // café, CAFÉ and cafe + a combining accent are cafe
        [502], // Te + combining accent + rmez and Térmez are termez
        [503], // ut-Tahrir, through a non-breaking hyphen too
        [504], // İstanbul folds to istanbul
        [509], // Returnees stems as returnee does
        [509], // relation* is relat*: relational, relations
        [507],
        [510], // in this order, next to each other (hop hop, stemmed)
        [], // both words there, never next to each other
        [502],
        [],
      ]);
    });
  });
