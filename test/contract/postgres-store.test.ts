/** The Store contract suite on the PostgreSQL store, each run on a fresh throwaway database. */
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { testDatabases } from '../support/test-postgres.ts';
import { runStoreContract } from './store-contract.ts';

const databases = await testDatabases();

runStoreContract('postgres', async () => openPostgresStore({ url: await databases.create() }), {
  skip: databases.skip,
});
