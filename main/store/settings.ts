// The key/value settings table: one reader for every caller (language, workshop flag, counters of the checklist).
import type { Db } from './db';

/** A setting's value, or null when it was never set. */
export function settingValue(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}
