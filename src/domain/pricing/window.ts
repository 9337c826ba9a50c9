/**
 * Time windows `[from, until]` with optional ends, inclusive at both ends (C-2). Vouchers,
 * conditions and anything else with a validity window use these so the boundary instants
 * behave the same everywhere.
 */
export function isBeforeWindow(from: Date | null, now: Date): boolean {
  return from !== null && now.getTime() < from.getTime();
}

export function isAfterWindow(until: Date | null, now: Date): boolean {
  return until !== null && now.getTime() > until.getTime();
}

export function isWindowOpen(from: Date | null, until: Date | null, now: Date): boolean {
  return !isBeforeWindow(from, now) && !isAfterWindow(until, now);
}

/** D3.5 / W-14: a window whose end comes before its start can never be open. */
export function isWindowOrdered(
  from: Date | null | undefined,
  until: Date | null | undefined,
): boolean {
  return !from || !until || from.getTime() <= until.getTime();
}
