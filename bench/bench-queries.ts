/**
 * The benchmark's query set: about 40 searches an analyst runs, in wirewatch's query language, each
 * with the hand-written SQL that answers the same page without wirewatch. Words come from the
 * generated corpus (bench/corpus), so hit counts are realistic: rare names match a handful of
 * articles per 100,000, common words most of them.
 */
import type Database from 'better-sqlite3';
import { type RawPageSpec, type RawResult, runRawPage } from './raw-sql.ts';

/** What a query exercises. */
export type BenchQueryClass =
  | 'rare'
  | 'common'
  | 'phrase'
  | 'or'
  | 'not'
  | 'filter'
  | 'date-sort'
  | 'deep-page'
  | 'prefix'
  | 'browse';

/** One benchmark query: wirewatch query text, sort and page, and its raw-SQL equivalent. */
export interface BenchQuery {
  name: string;
  class: BenchQueryClass;
  /** What the user types, in wirewatch's query language. */
  query: string;
  sort: 'relevance' | 'newest';
  /** 1-based, 10 results a page. */
  page: number;
  /** The same page answered with hand-written SQL on wirewatch's schema. */
  raw: (db: Database.Database) => RawResult;
}

type Spec = Omit<RawPageSpec, 'sort' | 'page'>;

function query(
  name: string,
  kind: BenchQueryClass,
  text: string,
  spec: Spec,
  options: { sort?: 'relevance' | 'newest'; page?: number } = {},
): BenchQuery {
  // Without words to rank by, wirewatch lists newest first, so browsing defaults to that.
  const sort = options.sort ?? (spec.match === undefined ? 'newest' : 'relevance');
  const page = options.page ?? 1;
  const full: RawPageSpec = { ...spec, sort, page };
  return { name, class: kind, query: text, sort, page, raw: (db) => runRawPage(db, full) };
}

const bySource = 's.name = ?';
const byLanguage = 'a.language = ?';

/** Every benchmark query, grouped by class (four or five of each). */
export const benchQueries: BenchQuery[] = [
  // Rare: names with a fixed, tiny rate per article (bench/corpus/entities.ts rareNames).
  query('rare-zhanaozen', 'rare', 'Zhanaozen', { match: '"Zhanaozen"' }),
  query('rare-khorog', 'rare', 'Khorog', { match: '"Khorog"' }),
  query('rare-hyphenated', 'rare', 'Kempir-Abad', { match: '"Kempir-Abad"' }),
  query('rare-and-common', 'rare', 'Murghab border', { match: '"Murghab" AND "border"' }),

  // Common: head-of-vocabulary words in well over 30% of articles.
  query('common-security', 'common', 'security', { match: '"security"' }),
  query('common-government', 'common', 'government', { match: '"government"' }),
  query('common-two-words', 'common', 'president minister', { match: '"president" AND "minister"' }),
  query('common-region-police', 'common', 'region police', { match: '"region" AND "police"' }),

  // Phrases: stock bigrams and hyphenated organisation names.
  query('phrase-central-asia', 'phrase', '"Central Asia"', { match: '"Central Asia"' }),
  query('phrase-national-security', 'phrase', '"national security"', { match: '"national security"' }),
  query('phrase-hizb-ut-tahrir', 'phrase', '"Hizb ut-Tahrir"', { match: '"Hizb ut-Tahrir"' }),
  query('phrase-islamic-state', 'phrase', '"Islamic State" Tajikistan', {
    match: '"Islamic State" AND "Tajikistan"',
  }),

  // OR: alternatives, alone and inside a group beside a required word.
  query('or-two-leaders', 'or', 'Tokayev OR Mirziyoyev', { match: '("Tokayev" OR "Mirziyoyev")' }),
  query('or-group-and-word', 'or', '(Almaty OR Astana) security', {
    match: '("Almaty" OR "Astana") AND "security"',
  }),
  query('or-three-words', 'or', 'extremism OR terrorism OR radicalization', {
    match: '("extremism" OR "terrorism" OR "radicalization")',
  }),
  query('or-acronyms', 'or', 'SCO | CSTO', { match: '("SCO" OR "CSTO")' }),

  // NOT: exclusions beside required words, and exclusion alone (answered over the articles table).
  query('not-common-minus-place', 'not', 'security -Russia', { match: '"security" NOT "Russia"' }),
  query('not-keyword', 'not', 'extremism NOT Tajikistan', { match: '"extremism" NOT "Tajikistan"' }),
  query('not-two-exclusions', 'not', '"Islamic State" -Afghanistan -Syria', {
    match: '"Islamic State" NOT "Afghanistan" NOT "Syria"',
  }),
  query('not-only', 'not', '-security', { exclude: '"security"' }),

  // Filters: source, language and dates beside words (joins with articles and sources).
  query('filter-source', 'filter', 'security source:"Steppe Times"', {
    match: '"security"',
    where: bySource,
    params: ['Steppe Times'],
  }),
  query('filter-russian', 'filter', 'экстремизма lang:ru', {
    match: '"экстремизма"',
    where: byLanguage,
    params: ['ru'],
  }),
  query('filter-after', 'filter', 'Tokayev after:2024-01-01', {
    match: '"Tokayev"',
    where: 'a.published_at >= ?',
    params: ['2024-01-01'],
  }),
  query('filter-before-and-lang', 'filter', 'border before:2020-01-01 lang:en', {
    match: '"border"',
    where: 'a.published_at < ? AND a.language = ?',
    params: ['2020-01-01', 'en'],
  }),
  query('filter-cyrillic-source', 'filter', 'безопасности source:"Вестник Центральной Азии"', {
    match: '"безопасности"',
    where: bySource,
    params: ['Вестник Центральной Азии'],
  }),

  // Newest first instead of by relevance.
  query('newest-common', 'date-sort', 'security', { match: '"security"' }, { sort: 'newest' }),
  query('newest-phrase', 'date-sort', '"Central Asia"', { match: '"Central Asia"' }, { sort: 'newest' }),
  query('newest-person', 'date-sort', 'Mirziyoyev', { match: '"Mirziyoyev"' }, { sort: 'newest' }),
  query(
    'newest-two-words',
    'date-sort',
    'recruitment Telegram',
    { match: '"recruitment" AND "Telegram"' },
    { sort: 'newest' },
  ),

  // Deep pages: 50 and 500 (offsets 490 and 4,990).
  query('deep-50-relevance', 'deep-page', 'security', { match: '"security"' }, { page: 50 }),
  query('deep-500-relevance', 'deep-page', 'security', { match: '"security"' }, { page: 500 }),
  query('deep-50-newest', 'deep-page', 'government', { match: '"government"' }, { sort: 'newest', page: 50 }),
  query(
    'deep-500-newest',
    'deep-page',
    '"Central Asia"',
    { match: '"Central Asia"' },
    { sort: 'newest', page: 500 },
  ),

  // Prefixes: matched against the porter-stemmed index terms, as wirewatch does.
  query('prefix-extrem', 'prefix', 'extrem*', { match: '"extrem" *' }),
  query('prefix-and-place', 'prefix', 'terror* Almaty', { match: '"terror" * AND "Almaty"' }),
  // Not Tokay*: porter turns the prefix "tokay" into "tokai", which matches nothing (a trap to know).
  query('prefix-name', 'prefix', 'Japar*', { match: '"Japar" *' }),
  query('prefix-short', 'prefix', 'hydro*', { match: '"hydro" *' }),

  // Browsing: no words, newest first, optionally filtered.
  query('browse-all', 'browse', '', {}),
  query('browse-russian', 'browse', 'lang:ru', { where: byLanguage, params: ['ru'] }),
  query('browse-source', 'browse', 'source:"Caspian Chronicle"', {
    where: bySource,
    params: ['Caspian Chronicle'],
  }),
  query('browse-month', 'browse', 'date:2025-05', {
    where: 'a.published_at >= ? AND a.published_at < ?',
    params: ['2025-05-01', '2025-06-01'],
  }),
  query('browse-deep', 'browse', 'lang:en', { where: byLanguage, params: ['en'] }, { page: 50 }),
];
