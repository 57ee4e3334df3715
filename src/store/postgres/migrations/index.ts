/** The PostgreSQL archive's migrations, in order. Never edit one that has shipped: add the next. */
import type { Migration } from '../../migration.ts';
import { postgresMigration001 } from './001-initial.ts';
import { postgresMigration002 } from './002-subscriptions.ts';
import { postgresMigration003 } from './003-article-dates-and-clusters.ts';
import { postgresMigration004 } from './004-unplaced-index.ts';
import { postgresMigration005 } from './005-fetch-warnings.ts';
import { postgresMigration006 } from './006-source-text-index.ts';
import { postgresMigration007 } from './007-enrichment.ts';
import { postgresMigration008 } from './008-recognised-names.ts';
import { postgresMigration009 } from './009-accounts.ts';
import { postgresMigration010 } from './010-saved-searches.ts';
import { postgresMigration011 } from './011-hit-reads.ts';
import { postgresMigration012 } from './012-source-types.ts';
import { postgresMigration013 } from './013-hit-indexes.ts';

export const postgresMigrations: readonly Migration[] = [
  postgresMigration001,
  postgresMigration002,
  postgresMigration003,
  postgresMigration004,
  postgresMigration005,
  postgresMigration006,
  postgresMigration007,
  postgresMigration008,
  postgresMigration009,
  postgresMigration010,
  postgresMigration011,
  postgresMigration012,
  postgresMigration013,
];
