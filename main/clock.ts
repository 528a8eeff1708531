// Times are stored as ISO-8601 with the business's offset (Vietnam: +07:00, no daylight saving).
export const DEFAULT_OFFSET = '+07:00';

export function offsetMinutes(offset: string): number {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) throw new RangeError(`bad offset ${offset}`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** "2026-11-29T09:30:00.123+07:00" for an instant, in the given offset. */
export function isoWithOffset(date: Date, offset = DEFAULT_OFFSET): string {
  const shifted = new Date(date.getTime() + offsetMinutes(offset) * 60_000);
  return shifted.toISOString().replace('Z', offset);
}

export type Clock = { now(): Date; offset: string };
export const systemClock: Clock = { now: () => new Date(), offset: DEFAULT_OFFSET };

export function nowIso(clock: Clock = systemClock): string {
  return isoWithOffset(clock.now(), clock.offset);
}

/** Today's calendar date (YYYY-MM-DD) in the business's offset. */
export function todayLocal(clock: Clock = systemClock): string {
  return nowIso(clock).slice(0, 10);
}
