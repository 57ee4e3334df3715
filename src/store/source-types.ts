/**
 * Setting a source's outlet type (Store.setSourceType), one set of SQL for both stores through their
 * SqlRunner: the source found by its slug, the change and its audit entry in one transaction.
 */
import { AppError } from '../core/errors.ts';
import { isOutletType, type OutletType, parseOutletType } from '../core/outlet-types.ts';
import { auditStep } from './account-registry.ts';
import type { Actor } from './accounts.ts';
import { slugifySourceName } from './prepare-article.ts';
import type { SourceTypeChange } from './store.ts';
import type { SqlRunner } from './subscription-registry.ts';

export async function setSourceType(
  runner: SqlRunner,
  source: string,
  type: OutletType | null,
  actor: Actor,
  now = new Date(),
): Promise<SourceTypeChange> {
  // Checked here too: a caller that skipped parseOutletType cannot write a type nobody knows.
  const checked = type === null ? null : parseOutletType(type);
  const slug = slugifySourceName(source);
  const found = await runner.all<{
    id: number | string;
    name: string;
    slug: string;
    outlet_type: string | null;
  }>({ sql: 'SELECT id, name, slug, outlet_type FROM sources WHERE slug = ?', params: [slug] });
  const row = found[0];
  if (row === undefined || slug === '')
    throw new AppError(
      'SOURCE_NOT_FOUND',
      `no source called "${source.slice(0, 80)}": see the sources with \`wirewatch sources types\``,
    );
  const previous = isOutletType(row.outlet_type) ? row.outlet_type : null;
  await runner.atomically([
    auditStep(
      {
        actor,
        action: 'source.type',
        target: row.name,
        detail: `${checked ?? 'none'} (was ${previous ?? 'none'})`,
      },
      now.toISOString(),
    ),
    { sql: 'UPDATE sources SET outlet_type = ? WHERE id = ?', params: [checked, row.id] },
  ]);
  return { id: Number(row.id), name: row.name, slug: row.slug, outletType: checked, previous };
}
