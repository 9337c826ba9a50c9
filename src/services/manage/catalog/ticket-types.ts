import type { Database } from '../../../db/client.ts';
import { ticketTypes, type Conference, type TicketType } from '../../../db/schema/index.ts';
import { listTicketTypes, type CatalogTicketType } from '../../catalog/index.ts';
import { manageErrors } from '../errors.ts';
import type { ManagedProduct, ProductInput, ProductKind } from './product-kind.ts';
import {
  createProduct,
  deleteProduct,
  getManagedProduct,
  listManagedProducts,
  updateProduct,
} from './products.ts';

/** CAT-1 fields an organiser sets; money in minor units, `totalQuantity` 0 = unlimited. */
export interface TicketTypeInput extends ProductInput {
  limitPerUser?: number | undefined;
  requiresVoucher?: boolean | undefined;
}

/** A PATCH: only the given fields change; the slug is never re-derived from a new name. */
export type TicketTypePatch = Partial<TicketTypeInput>;

interface TicketTypeOwn {
  limitPerUser: number;
  requiresVoucher: boolean;
}

/** The organiser's view: every stored field plus the derived sold/remaining/sale state. */
export type ManagedTicketType = ManagedProduct & TicketTypeOwn;

const TICKET_TYPES: ProductKind<TicketType, CatalogTicketType, TicketTypeInput, TicketTypeOwn> = {
  table: ticketTypes,
  noun: 'ticket type',
  slugUnique: 'ticket_types_conference_slug_unique',
  scopeKind: 'ticket_type',
  notFound: (id) => manageErrors('TICKET_TYPE_NOT_FOUND', { id }),
  listCatalog: (db, conference, now) =>
    listTicketTypes(db, conference, now, { includeHidden: true }),
  extra: (row) => ({ limitPerUser: row.limitPerUser, requiresVoucher: row.requiresVoucher }),
  columns: (input) => input,
};

/** Every ticket type, hidden and inactive ones included, in CAT-1 order. */
export function listManagedTicketTypes(
  db: Database,
  conference: Conference,
  now: Date,
): Promise<ManagedTicketType[]> {
  return listManagedProducts(TICKET_TYPES, db, conference, now);
}

export function getManagedTicketType(
  db: Database,
  conference: Conference,
  id: string,
  now: Date,
): Promise<ManagedTicketType> {
  return getManagedProduct(TICKET_TYPES, db, conference, id, now);
}

export function createTicketType(
  db: Database,
  conference: Conference,
  input: TicketTypeInput,
  now: Date,
): Promise<ManagedTicketType> {
  return createProduct(TICKET_TYPES, db, conference, input, now);
}

/** Changes only the given fields; lowering stock below sales is allowed (CAT-2 goes negative). */
export function updateTicketType(
  db: Database,
  conference: Conference,
  id: string,
  patch: TicketTypePatch,
  now: Date,
): Promise<ManagedTicketType> {
  return updateProduct(TICKET_TYPES, db, conference, id, patch, now);
}

/** CAT-5: allowed even when sold; refused while the ticket type is the only one a scope lists. */
export function deleteTicketType(db: Database, conference: Conference, id: string): Promise<void> {
  return deleteProduct(TICKET_TYPES, db, conference, id);
}
