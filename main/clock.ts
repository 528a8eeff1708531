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

/** The variable that sets the business clock of a process: an ISO instant the clock starts from. */
export const NOW_ENV = 'NGUONGOC_NOW';

/**
 * A clock that reads `start` at the moment it is made and then runs on with real time, so durations
 * (session expiry, lockouts) behave as in life.
 */
export function clockStartingAt(start: string | Date, offset = DEFAULT_OFFSET): Clock {
  const startMs = new Date(start).getTime();
  if (!Number.isFinite(startMs)) throw new RangeError(`bad instant ${String(start)}`);
  const madeAt = performance.now();
  return { offset, now: () => new Date(startMs + (performance.now() - madeAt)) };
}

/**
 * The clock of a host process: the PC's clock, or, when NGUONGOC_NOW names an instant (a training room
 * replaying a day, a test that starts hosts as child processes), a clock starting there. One clock per
 * process, so every host in it (HTTP, IPC worker, CLI) agrees on "now" and "today".
 */
export function clockFromEnv(env: Record<string, string | undefined> = process.env): Clock {
  const v = env[NOW_ENV];
  if (!v) return systemClock;
  if (envClock?.start !== v) envClock = { start: v, clock: clockStartingAt(v) };
  return envClock.clock;
}
let envClock: { start: string; clock: Clock } | undefined;

export function nowIso(clock: Clock = systemClock): string {
  return isoWithOffset(clock.now(), clock.offset);
}

/** Today's calendar date (YYYY-MM-DD) in the business's offset. */
export function todayLocal(clock: Clock = systemClock): string {
  return nowIso(clock).slice(0, 10);
}
