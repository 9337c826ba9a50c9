import type { Database, Tx } from './client.ts';

/** Runs `work` in one transaction; nested calls become savepoints (Drizzle semantics). */
export function withTx<T>(db: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
