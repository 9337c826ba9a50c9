/** CAT-1 fields an organiser sets; money in minor units, `totalQuantity` 0 = unlimited. */
export interface TicketTypeInput {
  name: string;
  /** Derived from the name when absent (BOOT-5). */
  slug?: string | undefined;
  description?: string | undefined;
  price: number;
  availableFrom?: Date | null | undefined;
  availableUntil?: Date | null | undefined;
  totalQuantity?: number | undefined;
  limitPerUser?: number | undefined;
  requiresVoucher?: boolean | undefined;
  isActive?: boolean | undefined;
  bulkEnabled?: boolean | undefined;
  sortOrder?: number | undefined;
}

/** A PATCH: only the given fields change; the slug is never re-derived from a new name. */
export type TicketTypePatch = Partial<TicketTypeInput>;
