/** The Store contract suite on the embedded SQLite store, each run on a fresh file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { runStoreContract } from './store-contract.ts';

const directory = mkdtempSync(join(tmpdir(), 'wirewatch-contract-'));
let counter = 0;
after(() => rmSync(directory, { recursive: true, force: true }));

runStoreContract('sqlite', () => openSqliteStore({ path: join(directory, `archive-${++counter}.db`) }), {
  reopen: (store) => openSqliteStore({ path: store.location, mustExist: true }),
});

// The same suite with the reads sent to worker threads (sqlite-read-pool.ts).
runStoreContract(
  'sqlite with read workers',
  () => openSqliteStore({ path: join(directory, `archive-${++counter}.db`), readWorkers: 2 }),
  { reopen: (store) => openSqliteStore({ path: store.location, mustExist: true, readWorkers: 2 }) },
);
