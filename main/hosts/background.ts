// What a long-running host (the desktop app's core worker, `nguongoc serve`) does in the background:
// the automatic daily backup (a minute after start, then hourly; nothing if today has one) and automatic sync to the
// portal every few minutes. Neither ever blocks recording. Returns a function that stops both.
import type { Core } from '../core';
import { scheduleDailyBackups } from '../store/backup';
import { startAutoSync } from '../sync/auto';

/** `firstBackupDelayMs`: 0 copies at once (the desktop worker); `serve` waits a minute so it answers fast. */
export function startBackgroundDuties(
  core: Core,
  log: (line: string) => void,
  firstBackupDelayMs = 60_000,
): () => void {
  const stopBackups = scheduleDailyBackups(() => core.db, core.dbPath, undefined, log, firstBackupDelayMs);
  const stopSync = startAutoSync(core, { log });
  return () => {
    stopBackups();
    stopSync();
  };
}
