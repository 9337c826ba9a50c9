import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';

/**
 * The handle every service takes first. Layers above the services (http, jobs, cli) hold it and
 * pass it down, and name its type through here, so none of them needs to import src/db.
 */
export type { Database, DatabaseKind } from '../../db/client.ts';

/** Answers when the database does (the health check); throws when it cannot be reached. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
