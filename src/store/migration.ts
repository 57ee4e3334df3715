/** One numbered schema step of either store, applied in its own transaction with its record. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}
