import type { Database } from '../../../db/client.ts';
import { addons, type Addon, type Conference } from '../../../db/schema/index.ts';
import { listAddons, type CatalogAddon } from '../../catalog/index.ts';
import { manageErrors } from '../errors.ts';
import { writeAddonPrerequisites } from './addon-prerequisites.ts';
import type { ManagedProduct, ProductInput, ProductKind } from './product-kind.ts';
import {
  createProduct,
  deleteProduct,
  getManagedProduct,
  listManagedProducts,
  updateProduct,
} from './products.ts';

/** CAT-4 fields an organiser sets; add-ons have no per-user limit and no voucher gate. */
export interface AddonInput extends ProductInput {
  /** Ticket types of the same conference; empty = available with any ticket or none. */
  requiresTicketTypeIds?: string[] | undefined;
}

/** A PATCH: only given fields change; a given `requiresTicketTypeIds` replaces the whole set. */
export type AddonPatch = Partial<AddonInput>;

interface AddonOwn {
  requiresTicketTypeIds: string[];
}

/** The organiser's view of an add-on: stored fields plus derived sold/remaining/sale state. */
export type ManagedAddon = ManagedProduct & AddonOwn;

const ADDONS: ProductKind<Addon, CatalogAddon, AddonInput, AddonOwn> = {
  table: addons,
  noun: 'add-on',
  slugUnique: 'addons_conference_slug_unique',
  scopeKind: 'addon',
  notFound: (id) => manageErrors('ADDON_NOT_FOUND', { id }),
  listCatalog: (db, conference, now) => listAddons(db, conference, now, { includeHidden: true }),
  extra: (_row, listed) => ({ requiresTicketTypeIds: listed.requiresTicketTypeIds }),
  columns: ({ requiresTicketTypeIds: _links, ...columns }) => columns,
  // CAT-4 / BOOT-7: a given list replaces the prerequisite set; an absent one leaves it (a new
  // add-on starts with none).
  writeLinks: async (tx, conferenceId, id, input) => {
    if (input.requiresTicketTypeIds !== undefined) {
      await writeAddonPrerequisites(tx, conferenceId, id, input.requiresTicketTypeIds);
    }
  },
};

/** Every add-on, inactive ones included, in CAT-4 order, derived figures from the catalog. */
export function listManagedAddons(
  db: Database,
  conference: Conference,
  now: Date,
): Promise<ManagedAddon[]> {
  return listManagedProducts(ADDONS, db, conference, now);
}

export function getManagedAddon(
  db: Database,
  conference: Conference,
  id: string,
  now: Date,
): Promise<ManagedAddon> {
  return getManagedProduct(ADDONS, db, conference, id, now);
}

export function createAddon(
  db: Database,
  conference: Conference,
  input: AddonInput,
  now: Date,
): Promise<ManagedAddon> {
  return createProduct(ADDONS, db, conference, input, now);
}

/** Changes only the given fields; a given prerequisite list replaces the stored set (BOOT-7). */
export function updateAddon(
  db: Database,
  conference: Conference,
  id: string,
  patch: AddonPatch,
  now: Date,
): Promise<ManagedAddon> {
  return updateProduct(ADDONS, db, conference, id, patch, now);
}

/** CAT-5: cart lines go with it; order lines keep their snapshot and lose the reference. */
export function deleteAddon(db: Database, conference: Conference, id: string): Promise<void> {
  return deleteProduct(ADDONS, db, conference, id);
}
