/** CAT-4 fields an organiser sets; add-ons have no per-user limit and no voucher gate. */
export interface AddonInput {
  name: string;
  /** Derived from the name when absent (BOOT-5). */
  slug?: string | undefined;
  description?: string | undefined;
  price: number;
  availableFrom?: Date | null | undefined;
  availableUntil?: Date | null | undefined;
  totalQuantity?: number | undefined;
  isActive?: boolean | undefined;
  bulkEnabled?: boolean | undefined;
  sortOrder?: number | undefined;
  /** Ticket types of the same conference; empty = available with any ticket or none. */
  requiresTicketTypeIds?: string[] | undefined;
}

/** A PATCH: only given fields change; a given `requiresTicketTypeIds` replaces the whole set. */
export type AddonPatch = Partial<AddonInput>;

/** The column part of an add-on input (everything but the prerequisite set). */
export function addonColumns<T extends AddonPatch>(input: T): Omit<T, 'requiresTicketTypeIds'> {
  const { requiresTicketTypeIds: _links, ...columns } = input;
  return columns;
}
