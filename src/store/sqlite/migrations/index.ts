/** The SQLite migrations, in order. Append only: a released migration is never edited. */
import type { Migration } from '../../migration.ts';
import { migration001 } from './001-initial.ts';
import { migration002 } from './002-facet-index.ts';
import { migration003 } from './003-subscriptions.ts';
import { migration004 } from './004-article-dates-and-clusters.ts';
import { migration005 } from './005-unplaced-index.ts';
import { migration006 } from './006-fetch-warnings.ts';
import { migration007 } from './007-source-text-index.ts';
import { migration008 } from './008-enrichment.ts';
import { migration009 } from './009-recognised-names.ts';
import { migration010 } from './010-accounts.ts';
import { migration011 } from './011-saved-searches.ts';
import { migration012 } from './012-hit-reads.ts';
import { migration013 } from './013-source-types.ts';
import { migration014 } from './014-hit-indexes.ts';

export type { Migration };

/** Every migration this version of wirewatch knows, oldest first. */
export const sqliteMigrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
];
