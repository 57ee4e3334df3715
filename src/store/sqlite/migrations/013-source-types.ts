/**
 * Migration 13: what kind of outlet each source is (src/core/outlet-types.ts: wire, national,
 * regional, international, official, ngo, social), set by an admin; NULL until then. The vocabulary
 * is checked by the store (SOURCE_TYPE_INVALID) rather than by a CHECK constraint, so a later
 * version can widen it without rebuilding the table.
 */
export const migration013 = {
  version: 13,
  name: 'source types',
  sql: `
ALTER TABLE sources ADD COLUMN outlet_type TEXT;
`,
};
