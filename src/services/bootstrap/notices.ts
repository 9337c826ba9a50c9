import { endOfDayIn } from '../../domain/dates.ts';
import type { BootstrapConfig } from './types.ts';

function endedBefore(at: Date | null | undefined, now: Date): boolean {
  return at instanceof Date && at.getTime() < now.getTime();
}

/**
 * Windows already over at `now` are legal (an archive import) but usually a typo in the year,
 * so they are pointed out without failing the run.
 */
export function pastWindowNotices(config: BootstrapConfig, now: Date): string[] {
  const notices: string[] = [];
  const { endDate, timezone } = config.conference.values;
  if (endOfDayIn(endDate, timezone).getTime() < now.getTime())
    notices.push(`conference: ended on ${endDate}; nothing will be on sale`);
  for (const item of [...config.tickets, ...config.addons])
    if (endedBefore(item.values.availableUntil, now))
      notices.push(`${item.where}: sales already closed (available.closes is in the past)`);
  for (const item of config.vouchers)
    if (endedBefore(item.values.validUntil, now))
      notices.push(`${item.where}: already expired (valid_until is in the past)`);
  for (const item of config.discounts)
    if (endedBefore(item.values.endTime, now))
      notices.push(`${item.where}: already over (ends is in the past)`);
  return notices;
}
