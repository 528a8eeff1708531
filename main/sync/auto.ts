// Automatic background sync: every few minutes, when a portal is set and something is pending, start the same
// job as the "Đồng bộ" button (never two at once). A host that keeps the app open (the Electron shell, `serve`)
// calls startAutoSync once with its core; offline periods just end in 'stopped' runs that leave items pending.
import type { Core } from '../core/core';
import { systemClock, type Clock } from '../clock';
import { startSync } from '../core/services/sync';
import { countByStatus } from './outbox';
import { currentPortal } from './portals';

export function startAutoSync(
  core: Core,
  opts: { intervalMs?: number; clock?: Clock; log?: (line: string) => void } = {},
): () => void {
  const tick = () => {
    try {
      if (!core.db.open) return;
      const portal = currentPortal(core.db);
      if (!portal || countByStatus(core.db, portal.id).pending === 0) return;
      startSync({ db: core.db, dbPath: core.dbPath, clock: opts.clock ?? systemClock, lang: 'vi' });
    } catch (err) {
      // A wrong secret or a closed database: the sync screen shows it when the user looks; keep trying later.
      opts.log?.(`[auto-sync] ${(err as Error).message}`);
    }
  };
  const timer = setInterval(tick, opts.intervalMs ?? 5 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
