import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import {
  addonRequiredTicketTypes,
  addons,
  ticketTypes,
  type Addon,
  type Conference,
  type TicketType,
} from '../../db/schema/index.ts';
import { saleStateOf, type SaleState } from '../../domain/sale-state.ts';
import { countSold, remainingOf } from '../inventory/index.ts';

export interface CatalogTicketType {
  id: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  availableFrom: Date | null;
  availableUntil: Date | null;
  totalQuantity: number | null;
  /** Units counted against stock (INV-1); organiser views show it, the public API does not. */
  sold: number;
  remaining: number | null;
  limitPerUser: number;
  requiresVoucher: boolean;
  saleState: SaleState;
  isAvailable: boolean;
}

export interface CatalogAddon {
  id: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  availableFrom: Date | null;
  availableUntil: Date | null;
  totalQuantity: number | null;
  sold: number;
  remaining: number | null;
  requiresTicketTypeIds: string[];
  saleState: SaleState;
  isAvailable: boolean;
}

export interface CatalogOptions {
  /** CAT-6 gap: voucher-gated types become visible when the buyer's voucher unlocks them. */
  unlockedTicketTypeIds?: ReadonlySet<string> | 'all';
  /** Staff views list inactive and hidden products too. */
  includeHidden?: boolean;
}

function isListed(ticketType: TicketType, options: CatalogOptions): boolean {
  if (options.includeHidden) return true;
  if (!ticketType.isActive) return false;
  if (!ticketType.requiresVoucher) return true;
  const unlocked = options.unlockedTicketTypeIds;
  return unlocked === 'all' || (unlocked?.has(ticketType.id) ?? false);
}

type CatalogProduct = Omit<CatalogAddon, 'requiresTicketTypeIds'>;

/** What ticket types and add-ons show alike; the sale state comes from the one derivation. */
function catalogFields(
  row: TicketType | Addon,
  conference: Conference,
  stock: { sold: number; remaining: number | null },
  now: Date,
): CatalogProduct {
  const { sold, remaining } = stock;
  const saleState = saleStateOf({ ...row, remaining }, conference, now);
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    price: row.price,
    currency: conference.currency,
    availableFrom: row.availableFrom,
    availableUntil: row.availableUntil,
    totalQuantity: row.totalQuantity === 0 ? null : row.totalQuantity,
    sold,
    remaining,
    saleState,
    isAvailable: saleState === 'on_sale',
  };
}

export async function listTicketTypes(
  db: Database,
  conference: Conference,
  now: Date,
  options: CatalogOptions = {},
): Promise<CatalogTicketType[]> {
  const [rows, sold] = await Promise.all([
    db
      .select()
      .from(ticketTypes)
      .where(eq(ticketTypes.conferenceId, conference.id))
      .orderBy(asc(ticketTypes.sortOrder), asc(ticketTypes.name)),
    countSold(db, conference.id, now),
  ]);
  const venueRemaining = remainingOf(conference.totalCapacity, sold.ticketUnits);
  return rows
    .filter((row) => isListed(row, options))
    .map((row) => {
      const unitsSold = sold.byTicketType.get(row.id) ?? 0;
      const own = remainingOf(row.totalQuantity, unitsSold);
      // The venue cap (INV-3) limits every ticket type at once.
      const remaining =
        own === null
          ? venueRemaining
          : venueRemaining === null
            ? own
            : Math.min(own, venueRemaining);
      return {
        ...catalogFields(row, conference, { sold: unitsSold, remaining }, now),
        limitPerUser: row.limitPerUser,
        requiresVoucher: row.requiresVoucher,
      };
    });
}

export async function listAddons(
  db: Database,
  conference: Conference,
  now: Date,
  options: CatalogOptions = {},
): Promise<CatalogAddon[]> {
  const where = options.includeHidden
    ? eq(addons.conferenceId, conference.id)
    : and(eq(addons.conferenceId, conference.id), eq(addons.isActive, true));
  const [rows, sold] = await Promise.all([
    db.select().from(addons).where(where).orderBy(asc(addons.sortOrder), asc(addons.name)),
    countSold(db, conference.id, now),
  ]);
  const requirements = await requiredTicketTypesOf(db, rows);
  return rows.map((row) => {
    const unitsSold = sold.byAddon.get(row.id) ?? 0;
    const remaining = remainingOf(row.totalQuantity, unitsSold);
    return {
      ...catalogFields(row, conference, { sold: unitsSold, remaining }, now),
      requiresTicketTypeIds: requirements.get(row.id) ?? [],
    };
  });
}

async function requiredTicketTypesOf(db: Database, rows: Addon[]): Promise<Map<string, string[]>> {
  const byAddon = new Map<string, string[]>();
  if (rows.length === 0) return byAddon;
  const links = await db
    .select()
    .from(addonRequiredTicketTypes)
    .where(
      inArray(
        addonRequiredTicketTypes.addonId,
        rows.map((r) => r.id),
      ),
    );
  for (const link of links) {
    byAddon.set(link.addonId, [...(byAddon.get(link.addonId) ?? []), link.ticketTypeId]);
  }
  return byAddon;
}
