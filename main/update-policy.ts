// When the desktop app looks for, and installs, a new version. Plain Node so it is
// tested without Electron; main/electron/updater.ts hands it electron-updater's real updater.
//   - check at start and then once a day (a timer looks hourly whether a day has passed, so a PC that
//     slept through the night still checks in the morning);
//   - the update downloads in the background (electron-updater verifies its sha512 before it counts
//     as downloaded; a mismatch is an error and nothing is installed);
//   - it is installed when the app quits, but only after a backup of the database succeeded: once a
//     download is verified `autoInstallOnAppQuit` is off until then, so a quit without a backup
//     (or a Windows shutdown that skips before-quit) never installs;
//   - "Không phải hôm nay" (not today): on a production day the owner can put it off; nothing is
//     installed or checked again until tomorrow (business date, +07:00).
import fs from 'node:fs';
import path from 'node:path';
import { systemClock, todayLocal, nowIso, type Clock } from './clock';

/** The part of electron-updater's AppUpdater the policy drives. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  disableWebInstaller: boolean;
  allowDowngrade: boolean;
  checkForUpdates(): Promise<unknown>;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
}

export type UpdateState = {
  /** Business date (YYYY-MM-DD) on which the owner said "not today". */
  postponedDate?: string;
  /** When the feed was last asked (ISO with offset). */
  lastCheckAt?: string;
};

export type UpdatePolicyOptions = {
  updater: UpdaterLike;
  /** Makes a backup of the database; throws (or rejects) when it could not. */
  backup: () => Promise<void>;
  /** Where the state above is kept (userData/update-state.json). */
  statePath: string;
  clock?: Clock;
  checkEveryMs?: number;
  log?: (line: string) => void;
  /** Called when a verified update is ready to install on quit. */
  onDownloaded?: (version: string) => void;
};

export const DAY_MS = 24 * 3600_000;
const TICK_MS = 3600_000;

/** Settings every updater gets, in the app and in the test: background download, no web installer. */
export function configureUpdater(updater: UpdaterLike): void {
  updater.autoDownload = true;
  // On, so electron-updater registers its install-on-quit hook when a download completes; the
  // policy turns it off right after (see UpdatePolicy) until the backup before the update is made.
  updater.autoInstallOnAppQuit = true;
  // Our installer is one full NSIS file whose sha512 is in latest.yml; a web installer is not used.
  updater.disableWebInstaller = true;
  updater.allowDowngrade = false;
}

export class UpdatePolicy {
  private state: UpdateState;
  private timer: NodeJS.Timeout | null = null;
  private readonly clock: Clock;
  private readonly log: (line: string) => void;
  /** Version downloaded and verified, waiting to be installed on quit. */
  downloaded: string | null = null;
  /** True once the backup before the update is made; the next quit installs. */
  prepared = false;
  private checking: Promise<void> | null = null;

  constructor(private readonly opts: UpdatePolicyOptions) {
    this.clock = opts.clock ?? systemClock;
    this.log = opts.log ?? ((line) => process.stderr.write(line + '\n'));
    this.state = readState(opts.statePath);
    configureUpdater(opts.updater);
    opts.updater.on('update-downloaded', (info) => {
      this.downloaded = info.version;
      // electron-updater adds its quit hook synchronously after this event (it reads the flag
      // then, and again at quit): let it register, then hold the install until the backup.
      queueMicrotask(() => {
        if (!this.prepared) opts.updater.autoInstallOnAppQuit = false;
      });
      this.log(`[update] version ${info.version} downloaded and verified; installs on quit after a backup`);
      opts.onDownloaded?.(info.version);
    });
    opts.updater.on('error', (err) => this.log(`[update] ${err.message}`));
  }

  /** Checks now (unless put off today) and then about once a day. */
  start(): Promise<void> {
    this.stop();
    this.timer = setInterval(() => void this.checkIfDue(), Math.min(TICK_MS, this.opts.checkEveryMs ?? DAY_MS));
    this.timer.unref();
    return this.checkNow();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  isPostponed(): boolean {
    return this.state.postponedDate === todayLocal(this.clock);
  }

  /** "Không phải hôm nay": no install and no check until tomorrow. */
  postponeToday(): void {
    this.state.postponedDate = todayLocal(this.clock);
    this.prepared = false;
    this.opts.updater.autoInstallOnAppQuit = false;
    this.save();
  }

  /** Asks the feed once a day has passed since the last check. */
  async checkIfDue(): Promise<void> {
    const last = this.state.lastCheckAt ? Date.parse(this.state.lastCheckAt) : NaN;
    const every = this.opts.checkEveryMs ?? DAY_MS;
    if (Number.isFinite(last) && this.clock.now().getTime() - last < every) return;
    await this.checkNow();
  }

  /** Asks the feed; a download starts in the background when there is something newer. Never throws. */
  checkNow(): Promise<void> {
    if (this.isPostponed()) {
      this.log('[update] put off today ("không phải hôm nay"); no check');
      return Promise.resolve();
    }
    if (this.checking) return this.checking;
    this.state.lastCheckAt = nowIso(this.clock);
    this.save();
    this.checking = this.opts.updater
      .checkForUpdates()
      .then(async (result) => {
        // Wait for the background download so callers (and tests) see its outcome; its errors
        // already reached the 'error' listener.
        const download = (result as { downloadPromise?: Promise<unknown> | null } | null)?.downloadPromise;
        if (download) await download.catch(() => undefined);
      })
      .catch((err: unknown) => this.log(`[update] check failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => {
        this.checking = null;
      });
    return this.checking;
  }

  /** Should the app hold its quit to make the backup first? */
  needsBackupBeforeQuit(): boolean {
    return this.downloaded !== null && !this.prepared && !this.isPostponed();
  }

  /**
   * Makes the backup and, only if it succeeded, lets the updater install on this quit.
   * Returns whether the update will be installed.
   */
  async prepareInstallOnQuit(): Promise<boolean> {
    if (!this.downloaded || this.isPostponed()) return false;
    if (this.prepared) return true;
    try {
      await this.opts.backup();
    } catch (err) {
      this.log(
        `[update] backup before the update failed, update not installed: ${err instanceof Error ? err.message : String(err)}`,
      );
      this.opts.updater.autoInstallOnAppQuit = false;
      return false;
    }
    this.prepared = true;
    this.opts.updater.autoInstallOnAppQuit = true;
    return true;
  }

  private save(): void {
    try {
      fs.mkdirSync(path.dirname(this.opts.statePath), { recursive: true });
      const tmp = `${this.opts.statePath}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(this.state, null, 2));
      fs.renameSync(tmp, this.opts.statePath);
    } catch (err) {
      this.log(`[update] could not save ${this.opts.statePath}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function readState(file: string): UpdateState {
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (!raw || typeof raw !== 'object') return {};
    const r = raw as Record<string, unknown>;
    return {
      postponedDate: typeof r.postponedDate === 'string' ? r.postponedDate : undefined,
      lastCheckAt: typeof r.lastCheckAt === 'string' ? r.lastCheckAt : undefined,
    };
  } catch {
    return {};
  }
}
