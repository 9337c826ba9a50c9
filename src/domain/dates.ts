import { DateTime } from 'luxon';

/** Whether `zone` is an IANA time zone name this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** 00:00:00.000 of a calendar date in a time zone (BOOT-4 `opens`). */
export function startOfDayIn(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

// Every sale check asks when the conference's last day ends (W-27); the zone arithmetic cost a
// few per cent of a server's CPU in the ticket-rush profile, and the answer never changes.
const endsOfDay = new Map<string, number>();
const MAX_REMEMBERED_DAYS = 10_000;

/** 23:59:59 of a calendar date in a time zone (BOOT-4 `closes`; the window end is inclusive). */
export function endOfDayIn(date: string, zone: string): Date {
  const key = `${date} ${zone}`;
  let end = endsOfDay.get(key);
  if (end === undefined) {
    end = DateTime.fromISO(date, { zone })
      .set({ hour: 23, minute: 59, second: 59, millisecond: 0 })
      .toMillis();
    if (endsOfDay.size >= MAX_REMEMBERED_DAYS) endsOfDay.clear();
    endsOfDay.set(key, end);
  }
  return new Date(end);
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}
