import type { Database } from '../../../db/client.ts';
import type { addons, Conference, ticketTypes } from '../../../db/schema/index.ts';
import type { SaleState } from '../../../domain/sale-state.ts';
import type { DomainError } from '../../../domain/errors.ts';

/** The fields an organiser sets on every product (CAT-1 / CAT-4). */
export interface ProductInput {
  name: string;
  /** Derived from the name when absent (BOOT-5). */
  slug?: string | undefined;
  description?: string | undefined;
  price: number;
  availableFrom?: Date | null | undefined;
  availableUntil?: Date | null | undefined;
  /** 0 = unlimited. */
  totalQuantity?: number | undefined;
  isActive?: boolean | undefined;
  bulkEnabled?: boolean | undefined;
  sortOrder?: number | undefined;
}

/** What the catalog derives for every product (INV-1, CAT-2, D2.1) from its one derivation. */
export interface ListedProduct {
  id: string;
  currency: string;
  sold: number;
  /** CAT-2 incl. the venue cap; null = unlimited, may be negative. */
  remaining: number | null;
  saleState: SaleState;
}

/** The organiser's view of any product: every stored field plus the derived figures. */
export interface ManagedProduct {
  id: string;
  slug: string;
  name: string;
  description: string;
  price: number;
  currency: string;
  availableFrom: Date | null;
  availableUntil: Date | null;
  /** As stored: 0 = unlimited (CAT-1, CAT-4). */
  totalQuantity: number;
  isActive: boolean;
  bulkEnabled: boolean;
  sortOrder: number;
  /** Units counted against stock (INV-1, D2.1). */
  sold: number;
  remaining: number | null;
  saleState: SaleState;
  createdAt: Date;
  updatedAt: Date;
}

export type ProductTable = typeof ticketTypes | typeof addons;
export type StoredProduct = ProductTable['$inferSelect'];

/**
 * What differs between ticket types and add-ons; everything else about managing a product
 * (listing, the window and slug rules, create, update, delete) is written once in products.ts.
 */
export interface ProductKind<
  Row extends StoredProduct,
  Listed extends ListedProduct,
  Input extends ProductInput,
  Extra,
> {
  table: ProductTable;
  /** For messages: "Another ticket type of this conference already uses …". */
  noun: string;
  /** The unique index on (conference, slug). */
  slugUnique: string;
  /** What references to a product are called in scopes (voucher, discount, prerequisites). */
  scopeKind: 'ticket_type' | 'addon';
  notFound(id: string): DomainError;
  /** The public catalog's derivation, hidden products included. */
  listCatalog(db: Database, conference: Conference, now: Date): Promise<Listed[]>;
  /** The fields only this kind shows. */
  extra(row: Row, listed: Listed): Extra;
  /** The product's own columns of an input or patch (links are written by `writeLinks`). */
  columns(input: Partial<Input>): Partial<ProductInput> & Record<string, unknown>;
  /** Link rows the input replaces, in the same transaction as the product. */
  writeLinks?(tx: Database, conferenceId: string, id: string, input: Partial<Input>): Promise<void>;
}
