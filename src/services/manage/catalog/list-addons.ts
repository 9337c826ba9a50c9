import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { addons, type Addon, type Conference } from '../../../db/schema/index.ts';
import type { SaleState } from '../../../domain/sale-state.ts';
import { listAddons, type CatalogAddon } from '../../catalog/index.ts';
import { manageErrors } from '../errors.ts';

/** The organiser's view of an add-on: stored fields plus derived sold/remaining/sale state. */
export interface ManagedAddon {
  id: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  availableFrom: Date | null;
  availableUntil: Date | null;
  /** As stored: 0 = unlimited (CAT-4). */
  totalQuantity: number;
  isActive: boolean;
  bulkEnabled: boolean;
  sortOrder: number;
  requiresTicketTypeIds: string[];
  sold: number;
  remaining: number | null;
  saleState: SaleState;
  createdAt: Date;
  updatedAt: Date;
}

function toManaged(row: Addon, listed: CatalogAddon): ManagedAddon {
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
    isActive: row.isActive,
    bulkEnabled: row.bulkEnabled,
    sortOrder: row.sortOrder,
    requiresTicketTypeIds: listed.requiresTicketTypeIds,
    sold: listed.sold,
    remaining: listed.remaining,
    saleState: listed.saleState,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Every add-on, inactive ones included, in CAT-4 order, derived figures from the catalog. */
export async function listManagedAddons(
  db: Database,
  conference: Conference,
  now: Date,
): Promise<ManagedAddon[]> {
  const [rows, listed] = await Promise.all([
    db
      .select()
      .from(addons)
      .where(eq(addons.conferenceId, conference.id))
      .orderBy(asc(addons.sortOrder), asc(addons.name)),
    listAddons(db, conference, now, { includeHidden: true }),
  ]);
  const listedById = new Map(listed.map((entry) => [entry.id, entry]));
  return rows.flatMap((row) => {
    const entry = listedById.get(row.id);
    return entry ? [toManaged(row, entry)] : [];
  });
}

export async function getManagedAddon(
  db: Database,
  conference: Conference,
  id: string,
  now: Date,
): Promise<ManagedAddon> {
  const found = (await listManagedAddons(db, conference, now)).find((a) => a.id === id);
  if (!found) throw manageErrors('ADDON_NOT_FOUND', { id });
  return found;
}

export async function getAddonRowOrThrow(
  db: Database,
  conferenceId: string,
  id: string,
): Promise<Addon> {
  const [row] = await db
    .select()
    .from(addons)
    .where(and(eq(addons.conferenceId, conferenceId), eq(addons.id, id)))
    .limit(1);
  if (!row) throw manageErrors('ADDON_NOT_FOUND', { id });
  return row;
}
