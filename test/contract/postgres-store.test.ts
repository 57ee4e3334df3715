/** The Store contract suite on the PostgreSQL store, each run on a fresh throwaway database. */
import { openPostgresStore } from '../../src/store/postgres/postgres-store.ts';
import type { Store } from '../../src/store/store.ts';
import { testDatabases } from '../support/test-postgres.ts';
import { runStoreContract } from './store-contract.ts';

const databases = await testDatabases();

/** Each store's URL (its location hides the password), for opening a second store on the same database. */
const urls = new WeakMap<Store, string>();

runStoreContract(
  'postgres',
  async () => {
    const url = await databases.create();
    const store = await openPostgresStore({ url });
    urls.set(store, url);
    return store;
  },
  {
    skip: databases.skip,
    reopen: (store) => openPostgresStore({ url: urls.get(store)! }),
  },
);
