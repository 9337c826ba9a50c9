/**
 * The floor of the rush (bench only): the two requests a rush buyer makes, answered by a bare
 * Fastify server with one statement each. Adding inserts a cart row; checking out takes a seat
 * with the baseline's conditional UPDATE and writes the order in the same statement. No session,
 * no validation, no pricing, no JSON beyond an id. It admits requests as Lanyard does (the same
 * gate, checkouts first), and runs as its own process with the same pool size, so what Lanyard
 * reaches over this is the price of being a shop rather than of HTTP and round trips here.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { createGate, type Priority } from '../../src/http/plugins/admission.ts';

const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? '10');
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: poolSize });
pool.on('error', () => undefined);

function idIn(body: unknown, field: string): number {
  const value = (body as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${field} missing`);
  return value;
}

const gate = createGate(poolSize * 2);

async function admitted<T>(priority: Priority, work: () => Promise<T>): Promise<T> {
  await gate.enter(60_000, priority);
  try {
    return await work();
  } finally {
    gate.leave();
  }
}

const app = Fastify();

app.post('/floor/add', async (request) => {
  const { rows } = await admitted('normal', () =>
    pool.query<{ id: number }>('INSERT INTO floor_carts (buyer) VALUES ($1) RETURNING id', [
      idIn(request.body, 'buyer'),
    ]),
  );
  return { cart: rows[0]?.id };
});

app.post('/floor/checkout', async (request, reply) => {
  const { rowCount } = await admitted('high', () =>
    pool.query(
      `WITH seat AS (UPDATE floor_stock SET sold = sold + 1 WHERE id = 1 AND sold < total RETURNING 1)
       INSERT INTO floor_orders (cart) SELECT $1 FROM seat`,
      [idIn(request.body, 'cart')],
    ),
  );
  reply.code(rowCount === 1 ? 201 : 409);
  return { placed: rowCount === 1 };
});

process.once('SIGTERM', () => {
  void app.close().then(() => pool.end());
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
// Every pooled connection open before the clock starts, as the app's warm-up does.
await Promise.all(Array.from({ length: poolSize }, () => pool.query('SELECT 1')));
console.log(`Floor server is running at ${address}`);
