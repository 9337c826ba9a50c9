import { DateTime } from 'luxon';

/** Whether `zone` is an IANA time zone name this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** 00:00:00.000 of a calendar date in a time zone (BOOT-4 `opens`). */
export function startOfDayIn(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/** 23:59:59 of a calendar date in a time zone (BOOT-4 `closes`; the window end is inclusive). */
export function endOfDayIn(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone })
    .set({ hour: 23, minute: 59, second: 59, millisecond: 0 })
    .toJSDate();
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}
