// The key/value settings table: one reader for every caller (language, workshop flag, counters of the checklist).
import type { Db } from './db';
import { qv } from './statements';

/** A setting's value, or null when it was never set. */
export function settingValue(db: Db, key: string): string | null {
  return (qv(db, 'SELECT value FROM settings WHERE key = ?').get(key) as string | undefined) ?? null;
}
