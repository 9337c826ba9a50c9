import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePgliteOnSocket, type PgliteSocketServer } from '../../src/db/pglite-socket.ts';

// D1.5: a command's connection through the server's socket shares PGlite's one session with the
// server's own queries; neither may ever run inside the other's transaction.

const socketDir = mkdtempSync(join(tmpdir(), 'lanyard-sock-'));
let client: PGlite;
let shared: PgliteSocketServer;
let lockWaited: () => void = () => undefined;

function connect(): Promise<pg.Client> {
  const command = new pg.Client({ host: socketDir, port: 5432, user: 'postgres' });
  return command.connect().then(() => command);
}

async function count(): Promise<number> {
  const result = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM notes');
  return result.rows[0]?.n ?? -1;
}

beforeAll(async () => {
  client = await PGlite.create();
  await client.exec('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
  shared = await servePgliteOnSocket(client, socketDir, { onLockWait: () => lockWaited() });
});

afterAll(async () => {
  await shared.close();
  await client.close();
});

describe('D1.5 PGlite shared over a socket', () => {
  it("the server's queries wait for a command's transaction, and see it only once committed", async () => {
    const command = await connect();
    await command.query('BEGIN');
    await command.query("INSERT INTO notes (body) VALUES ('from the command')");
    // The server's own read is queued behind the open transaction, not run inside it.
    let seen: number | undefined;
    const serverRead = count().then((n) => (seen = n));
    await command.query("INSERT INTO notes (body) VALUES ('second')");
    expect(seen).toBeUndefined();
    await command.query('ROLLBACK');
    expect(await serverRead).toBe(0);

    await command.query("INSERT INTO notes (body) VALUES ('kept')");
    expect(await count()).toBe(1);
    await command.end();
  });

  it("a command's queries never land inside the server's transaction", async () => {
    const command = await connect();
    let inserted!: () => void;
    const serverInserted = new Promise<void>((resolve) => (inserted = resolve));
    const commandArrived = new Promise<void>((resolve) => (lockWaited = resolve));
    const serverTx = client.transaction(async (tx) => {
      await tx.query("INSERT INTO notes (body) VALUES ('server, rolled back')");
      inserted();
      // The command's INSERT reaches PGlite while this transaction is open.
      await commandArrived;
      await tx.rollback();
    });
    await serverInserted;
    const commandInsert = command.query("INSERT INTO notes (body) VALUES ('command')");
    await serverTx;
    await commandInsert;
    const bodies = await client.query<{ body: string }>('SELECT body FROM notes ORDER BY id');
    expect(bodies.rows.map((r) => r.body)).toEqual(['kept', 'command']);
    await command.end();
  });

  it('a command that disconnects mid-transaction leaves nothing open or committed', async () => {
    const command = await connect();
    await command.query('BEGIN');
    await command.query("INSERT INTO notes (body) VALUES ('abandoned')");
    command.on('error', () => undefined); // "terminated unexpectedly" is the point here
    const closed = new Promise((resolve) => command.once('end', resolve));
    // Drop the connection without COMMIT or Terminate, as a killed process would.
    (
      command as unknown as { connection: { stream: { destroy(): void } } }
    ).connection.stream.destroy();
    await closed;
    // Waits until the server side noticed and rolled back; it must not hang nor see the row.
    const bodies = await client.query<{ body: string }>('SELECT body FROM notes ORDER BY id');
    expect(bodies.rows.map((r) => r.body)).toEqual(['kept', 'command']);
    expect(client.isInTransaction()).toBe(false);
  });
});
