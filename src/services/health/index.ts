import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';

/** The liveness check's one question to the database: does it answer at all? */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}
