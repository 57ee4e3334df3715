/**
 * `npm start` until the web desk lands: opens the embedded archive (creating it on first start),
 * fills it with the bundled sample when it is empty, and runs a demonstration search.
 */
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/load-config.ts';
import { describeError } from '../core/errors.ts';
import { importFile } from '../ingest/bulk/import-file.ts';
import { searchArticles } from '../search/search-articles.ts';
import { openStoreAt } from './open-store.ts';
import { renderResultsPage } from './render-results.ts';
import { chooseStyle } from './terminal-style.ts';

const samplePath = fileURLToPath(new URL('../../samples/central-asia-sample.jsonl', import.meta.url));
const demoQuery = process.argv.slice(2).join(' ') || 'extremism OR terrorism';

async function runDemo(): Promise<void> {
  const config = loadConfig();
  const store = await openStoreAt(config.databasePath, { readonly: false });
  try {
    if ((await store.stats()).articleCount === 0) {
      const summary = await importFile(store, samplePath, {});
      process.stderr.write(
        `new archive at ${store.location}: imported ${summary.imported} sample articles\n\n`,
      );
    }
    const results = await searchArticles(store, { q: demoQuery });
    process.stdout.write(`$ wirewatch search '${demoQuery}'\n\n`);
    process.stdout.write(renderResultsPage(results, chooseStyle('auto', process.stdout, config.color)));
    process.stdout.write(
      `\nTry: npx wirewatch search '"Hizb ut-Tahrir" OR HTS'   npx wirewatch stats   npx wirewatch import FILE\n`,
    );
  } finally {
    await store.close();
  }
}

try {
  await runDemo();
} catch (error) {
  process.stderr.write(`error: ${describeError(error)}\n`);
  process.exitCode = 1;
}
