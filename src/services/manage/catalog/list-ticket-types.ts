import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { ticketTypes, type Conference, type TicketType } from '../../../db/schema/index.ts';
import type { SaleState } from '../../../domain/sale-state.ts';
import { listTicketTypes, type CatalogTicketType } from '../../catalog/index.ts';
import { manageErrors } from '../errors.ts';

/** The organiser's view: every stored field plus the derived sold/remaining/sale state. */
export interface ManagedTicketType {
  id: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  availableFrom: Date | null;
  availableUntil: Date | null;
  /** As stored: 0 = unlimited (CAT-1). */
  totalQuantity: number;
  limitPerUser: number;
  requiresVoucher: boolean;
  isActive: boolean;
  bulkEnabled: boolean;
  sortOrder: number;
  /** Units counted against stock (INV-1, D2.1). */
  sold: number;
  /** CAT-2 incl. the venue cap; null = unlimited, may be negative. */
  remaining: number | null;
  saleState: SaleState;
  createdAt: Date;
  updatedAt: Date;
}

function toManaged(row: TicketType, listed: CatalogTicketType): ManagedTicketType {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    price: row.price,
    currency: listed.currency,
    availableFrom: row.availableFrom,
    availableUntil: row.availableUntil,
    totalQuantity: row.totalQuantity,
    limitPerUser: row.limitPerUser,
    requiresVoucher: row.requiresVoucher,
    isActive: row.isActive,
    bulkEnabled: row.bulkEnabled,
    sortOrder: row.sortOrder,
    sold: listed.sold,
    remaining: listed.remaining,
    saleState: listed.saleState,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Every ticket type, hidden and inactive ones included, in CAT-1 order. Remaining stock and sale
 * state come from the public catalog's one derivation, so staff and buyers never disagree.
 */
export async function listManagedTicketTypes(
  db: Database,
  conference: Conference,
  now: Date,
): Promise<ManagedTicketType[]> {
  const [rows, listed] = await Promise.all([
    db
      .select()
      .from(ticketTypes)
      .where(eq(ticketTypes.conferenceId, conference.id))
      .orderBy(asc(ticketTypes.sortOrder), asc(ticketTypes.name)),
    listTicketTypes(db, conference, now, { includeHidden: true }),
  ]);
  const listedById = new Map(listed.map((entry) => [entry.id, entry]));
  return rows.flatMap((row) => {
    const entry = listedById.get(row.id);
    // A row created between the two reads has no derived figures yet; the next read shows it.
    return entry ? [toManaged(row, entry)] : [];
  });
}

export async function getManagedTicketType(
  db: Database,
  conference: Conference,
  id: string,
  now: Date,
): Promise<ManagedTicketType> {
  const found = (await listManagedTicketTypes(db, conference, now)).find((t) => t.id === id);
  if (!found) throw manageErrors('TICKET_TYPE_NOT_FOUND', { id });
  return found;
}

export async function getTicketTypeRowOrThrow(
  db: Database,
  conferenceId: string,
  id: string,
): Promise<TicketType> {
  const [row] = await db
    .select()
    .from(ticketTypes)
    .where(and(eq(ticketTypes.conferenceId, conferenceId), eq(ticketTypes.id, id)))
    .limit(1);
  if (!row) throw manageErrors('TICKET_TYPE_NOT_FOUND', { id });
  return row;
}
