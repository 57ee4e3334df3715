/**
 * The benchmark's query set (bench-queries.ts) with, for each query, the hand-written tsquery and
 * filter that answer it directly on PostgreSQL, as bench-queries.ts gives each the FTS5 expression for
 * SQLite. The tsqueries are written the way the index sees text: punctuation splits words
 * (`Kempir-Abad` is the phrase `kempir <-> abad`), words are stemmed by to_tsquery itself.
 */
import { type BenchQuery, benchQueries } from '../bench-queries.ts';
import type { PgPageSpec } from './pg-raw-sql.ts';

type Spec = Omit<PgPageSpec, 'sort' | 'page'>;

const bySource = 's.name = ?';
const byLanguage = 'a.language = ?';

/** The direct-SQL side of every benchmark query, by name. */
const specs: Record<string, Spec> = {
  'rare-zhanaozen': { tsquery: 'Zhanaozen' },
  'rare-khorog': { tsquery: 'Khorog' },
  'rare-hyphenated': { tsquery: 'Kempir <-> Abad' },
  'rare-and-common': { tsquery: 'Murghab & border' },

  'common-security': { tsquery: 'security' },
  'common-government': { tsquery: 'government' },
  'common-two-words': { tsquery: 'president & minister' },
  'common-region-police': { tsquery: 'region & police' },

  'phrase-central-asia': { tsquery: 'Central <-> Asia' },
  'phrase-national-security': { tsquery: 'national <-> security' },
  'phrase-hizb-ut-tahrir': { tsquery: 'Hizb <-> ut <-> Tahrir' },
  'phrase-islamic-state': { tsquery: '(Islamic <-> State) & Tajikistan' },

  'or-two-leaders': { tsquery: 'Tokayev | Mirziyoyev' },
  'or-group-and-word': { tsquery: '(Almaty | Astana) & security' },
  'or-three-words': { tsquery: 'extremism | terrorism | radicalization' },
  'or-acronyms': { tsquery: 'SCO | CSTO' },

  'not-common-minus-place': { tsquery: 'security & !Russia' },
  'not-keyword': { tsquery: 'extremism & !Tajikistan' },
  'not-two-exclusions': { tsquery: '(Islamic <-> State) & !Afghanistan & !Syria' },
  'not-only': { exclude: 'security' },

  'filter-source': { tsquery: 'security', where: bySource, params: ['Steppe Times'] },
  'filter-russian': { tsquery: 'экстремизма', where: byLanguage, params: ['ru'] },
  'filter-after': { tsquery: 'Tokayev', where: 'a.published_at >= ?', params: ['2024-01-01'] },
  'filter-before-and-lang': {
    tsquery: 'border',
    where: 'a.published_at < ? AND a.language = ?',
    params: ['2020-01-01', 'en'],
  },
  'filter-cyrillic-source': {
    tsquery: 'безопасности',
    where: bySource,
    params: ['Вестник Центральной Азии'],
  },

  'newest-common': { tsquery: 'security' },
  'newest-phrase': { tsquery: 'Central <-> Asia' },
  'newest-person': { tsquery: 'Mirziyoyev' },
  'newest-two-words': { tsquery: 'recruitment & Telegram' },

  'deep-50-relevance': { tsquery: 'security' },
  'deep-500-relevance': { tsquery: 'security' },
  'deep-50-newest': { tsquery: 'government' },
  'deep-500-newest': { tsquery: 'Central <-> Asia' },

  'prefix-extrem': { tsquery: 'extrem:*' },
  'prefix-and-place': { tsquery: 'terror:* & Almaty' },
  'prefix-name': { tsquery: 'Japar:*' },
  'prefix-short': { tsquery: 'hydro:*' },

  'browse-all': {},
  'browse-russian': { where: byLanguage, params: ['ru'] },
  'browse-source': { where: bySource, params: ['Caspian Chronicle'] },
  'browse-month': {
    where: 'a.published_at >= ? AND a.published_at < ?',
    params: ['2025-05-01', '2025-06-01'],
  },
  'browse-deep': { where: byLanguage, params: ['en'] },
};

/** A benchmark query with its direct PostgreSQL page. */
export interface PgBenchQuery extends BenchQuery {
  pg: PgPageSpec;
}

/**
 * Every query of bench-queries.ts, in its order, with the same sort and page, and its PostgreSQL spec.
 * Throws when a query has no spec, so that a query added there cannot be silently left out here.
 */
export function pgBenchQueries(): PgBenchQuery[] {
  const missing = benchQueries.filter((query) => specs[query.name] === undefined).map((query) => query.name);
  if (missing.length > 0) throw new Error(`no PostgreSQL baseline for: ${missing.join(', ')}`);
  return benchQueries.map((query) => ({
    ...query,
    pg: { ...specs[query.name]!, sort: query.sort, page: query.page },
  }));
}
