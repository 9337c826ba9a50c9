import type { Database } from '../../src/db/client.ts';
import type { Conference, DiscountCondition, TicketType } from '../../src/db/schema/index.ts';
import { makeConference, makeTicketType } from '../../test/factories/index.ts';
import { makeCondition } from '../../test/factories/sales.ts';
import { makeBuyers, type Buyer } from '../../test/support/buyers.ts';
import { runArrivals } from './arrivals.ts';
import { buyOneTicket, type BuyerResult, type ShopTarget } from './buyer-flow.ts';
import { keepAliveAgent } from './http-client.ts';
import type { Arrival } from './options.ts';

export interface PreparedRush {
  conference: Conference;
  ticketType: TicketType;
  buyers: Buyer[];
  seats: number;
  discount: DiscountCondition | null;
}

/** A fresh conference, one ticket type of `seats` seats (one per buyer, no venue cap), and
 * `buyerCount` buyers already signed in: none of this is on the clock. With `discountUnits`,
 * an early-bird discount limited to that many units (D3.6) that every buyer races for too. */
export async function prepareRush(
  db: Database,
  buyerCount: number,
  seats: number,
  discountUnits: number | null = null,
): Promise<PreparedRush> {
  const conference = await makeConference(db, { name: 'Ticket Rush', totalCapacity: 0 });
  const ticketType = await makeTicketType(db, conference, {
    name: 'Rush seat',
    totalQuantity: seats,
    limitPerUser: 1,
  });
  const discount =
    discountUnits === null
      ? null
      : await makeCondition(db, conference, {
          name: 'Rush early bird',
          usageLimit: discountUnits,
          ticketTypes: [ticketType],
        });
  const buyers = await makeBuyers(db, buyerCount);
  return { conference, ticketType, buyers, seats, discount };
}

export interface RushRun {
  arrival: Arrival;
  inFlight: number;
  timeoutMs: number;
}

/**
 * Sends every buyer at the servers, alternating between them, under the arrival pattern.
 * Each server gets its own keep-alive pool: one socket per buyer in a burst, `inFlight` when
 * bounded, so the client never queues what the arrival pattern says is on the wire.
 */
export async function runRush(
  serverUrls: readonly string[],
  rush: PreparedRush,
  run: RushRun,
): Promise<BuyerResult[]> {
  const perServer = Math.ceil(rush.buyers.length / serverUrls.length);
  const targets: ShopTarget[] = serverUrls.map((baseUrl) => ({
    baseUrl,
    agent: keepAliveAgent(run.arrival === 'burst' ? perServer : run.inFlight),
    slug: rush.conference.slug,
    timeoutMs: run.timeoutMs,
  }));
  try {
    const tasks = rush.buyers.map((buyer, index) => {
      const target = targets[index % targets.length];
      if (!target) throw new Error('no server to send buyers to');
      return () => buyOneTicket(target, buyer, rush.ticketType.id);
    });
    return await runArrivals(tasks, run.arrival, run.inFlight);
  } finally {
    for (const target of targets) target.agent.destroy();
  }
}

/**
 * A rush on a throwaway conference before the clock starts: it opens every pooled connection in
 * each server, walks both the placed and the sold-out path, and runs the hot paths long enough
 * for V8 to finish optimising them. With 40 warm-up buyers, TurboFan was still compiling during
 * the timed rush and took about 8 % of the machine (perf); a sale opens on a server that has
 * been up and serving, so that is not what a rush meets.
 */
export async function warmUp(
  db: Database,
  serverUrls: readonly string[],
  options: { poolSize: number; buyersPerServer: number; timeoutMs: number },
): Promise<void> {
  const inFlight = options.poolSize * serverUrls.length * 2;
  const buyers = Math.max(options.buyersPerServer * serverUrls.length, inFlight * 2);
  const rush = await prepareRush(db, buyers, Math.ceil(buyers / 2));
  await runRush(serverUrls, rush, { arrival: 'bounded', inFlight, timeoutMs: options.timeoutMs });
}
