/**
 * Publication times as pages, ninjs documents and editors write them: ISO 8601 only (a date, or a
 * date and time with or without an offset). `new Date()` would also take "5" (May 2001) or
 * "Jan 10" (2001 again), and read a time without an offset in the server's own zone, so the same
 * page would mean different instants on different machines: here such a time is UTC.
 */
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** No article of this publisher's archive is older; an earlier date is a typo or a placeholder. */
const EARLIEST = Date.UTC(1800, 0, 1);

/** The time `printed` says, or why it is not one an article can have been published at. */
export function readPublicationTime(printed: string, now = Date.now()): Date | string {
  const match = ISO_8601.exec(printed.trim());
  if (!match) return 'is not an ISO 8601 date or time (such as 2022-01-10 or 2022-01-10T08:00:00+02:00)';
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '0', offset = 'Z'] = match;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
  // Before Date.UTC, which reads the years 0-99 as 1900-1999.
  if (y < 1800) return 'is before 1800';
  const local = Date.UTC(y, mo - 1, d, h, mi, s, Number(`0.${fraction}`) * 1000);
  const calendar = new Date(Date.UTC(y, mo - 1, d));
  if (calendar.getUTCMonth() !== mo - 1 || calendar.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return 'is not a date of the calendar';
  }
  const [, sign = '+', offsetHours = '0', offsetMinutes = '0'] = /^([+-])(\d{2}):?(\d{2})?$/.exec(offset) ?? [];
  const offsetMs = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  const time = new Date(sign === '-' ? local + offsetMs : local - offsetMs);
  return checkPublicationTime(time, now) ?? time;
}

/** Why `time` cannot be when an article was published (before 1800, or later than now); null when it can. */
export function checkPublicationTime(time: Date, now = Date.now()): string | null {
  if (time.getTime() < EARLIEST) return 'is before 1800';
  if (time.getTime() > now) return 'is in the future';
  return null;
}
