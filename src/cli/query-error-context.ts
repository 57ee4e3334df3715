/** Remembers which query a thrown error was about, so the top-level handler can draw a caret under it. */
const queries = new WeakMap<object, string>();

/** Runs `work`; an error it throws is remembered as being about `query`. */
export async function withQueryContext<T>(query: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (typeof error === 'object' && error !== null) queries.set(error, query);
    throw error;
  }
}

/** The query an error was about, if any. */
export function queryOfError(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? queries.get(error) : undefined;
}
