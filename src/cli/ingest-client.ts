/**
 * The fetch client every ingest command uses: the operator's WIREWATCH_ALLOW_PRIVATE ranges, nothing
 * else non-public, and closed when the command ends.
 */
import { loadConfig } from '../config/load-config.ts';
import { createFetchClient, type FetchClient } from '../ingest/fetch/fetch-client.ts';

/** Runs `work` with a client, closing it afterwards. */
export async function withFetchClient<T>(work: (client: FetchClient) => Promise<T>): Promise<T> {
  const client = createFetchClient({ allowPrivate: loadConfig().allowPrivate });
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}
