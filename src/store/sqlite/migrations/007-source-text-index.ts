/**
 * Migration 7: one outlet's exact copy of an article at a second address (an AMP page, a re-slugged
 * URL, a print view without rel=canonical) is a duplicate, found by the outlet and the text's hash.
 * Not a unique index: archives written before this rule may hold such copies, and nothing stored is
 * dropped; the writer checks this index inside its write transaction, which SQLite runs one at a time.
 */
export const migration007 = {
  version: 7,
  name: 'source-text-index',
  sql: `
CREATE INDEX articles_source_text ON articles(source_id, content_hash);
`,
};
