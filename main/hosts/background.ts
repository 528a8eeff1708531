// What a long-running host (the desktop app's core worker, `nguongoc serve`) does in the background:
// the automatic daily backup (a minute after start, then hourly; nothing if today has one) followed by a full
// integrity_check of the file in a worker thread, and automatic sync to the portal every few minutes. None of
// them ever blocks recording. Returns a function that stops them.
import type { Core } from '../core';
import { scheduleDailyBackups } from '../store/backup';
import type { IntegrityGate } from '../store/integrity';
import { startAutoSync } from '../sync/auto';

/**
 * `firstBackupDelayMs`: 0 copies at once (the desktop worker, which calls this after its first answer); `serve`
 * waits a minute so it answers fast.
 */
export function startBackgroundDuties(
  core: Core,
  log: (line: string) => void,
  firstBackupDelayMs = 60_000,
  gate: IntegrityGate | null = null,
): () => void {
  // The full check reads every page and index entry: once a day, with the day's copy, off the request path.
  const afterDailyBackup = gate ? () => void gate.fullCheck() : undefined;
  const stopBackups = scheduleDailyBackups(
    () => core.db,
    core.dbPath,
    undefined,
    log,
    firstBackupDelayMs,
    afterDailyBackup,
  );
  const stopSync = startAutoSync(core, { log });
  return () => {
    stopBackups();
    stopSync();
  };
}
