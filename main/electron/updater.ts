// electron-updater wiring for the installed app; the rules live in
// main/update-policy.ts. The feed is the `publish` URL of electron-builder.yml, which electron-builder
// writes into resources/app-update.yml together with win.signtoolOptions.publisherName. electron-updater
// checks the sha512 of the download, then its Authenticode signature against that publisher, and refuses
// the update when either fails. Nothing here may replace or switch off that check (updater.test.ts reads it).
import path from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import { autoUpdater } from 'electron-updater';
import { UpdatePolicy, type UpdaterLike } from '../update-policy';

export type UpdatesOptions = {
  window: () => BrowserWindow | null;
  /** A backup of the database before installing (the core worker's update-backup). */
  backup: () => Promise<void>;
  log: (line: string) => void;
};

export function setupUpdates(opts: UpdatesOptions): UpdatePolicy | null {
  // An unpacked (development) run has no app-update.yml and nothing to update.
  if (!app.isPackaged) return null;
  const updater = autoUpdater;
  updater.logger = {
    info: (m?: unknown) => opts.log(`[update] ${String(m)}`),
    warn: (m?: unknown) => opts.log(`[update] ${String(m)}`),
    error: (m?: unknown) => opts.log(`[update] ${String(m)}`),
  };
  const policy = new UpdatePolicy({
    updater: updater as unknown as UpdaterLike,
    backup: opts.backup,
    statePath: path.join(app.getPath('userData'), 'update-state.json'),
    log: opts.log,
    onDownloaded: (version) => void askWhen(version),
  });

  async function askWhen(version: string): Promise<void> {
    const win = opts.window();
    const box = {
      type: 'info' as const,
      title: 'Cập nhật Nguồn Gốc',
      message: `Đã tải về phiên bản mới ${version}.`,
      detail:
        'Phiên bản mới sẽ được cài khi bạn đóng phần mềm, sau khi dữ liệu được sao lưu. ' +
        'Nếu hôm nay đang sản xuất, chọn "Không phải hôm nay" để cài vào ngày mai.\n\n' +
        `Version ${version} is ready. It installs when you close the app, after a backup of your data.`,
      buttons: ['Cài khi đóng phần mềm', 'Không phải hôm nay'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
    const { response } = win ? await dialog.showMessageBox(win, box) : await dialog.showMessageBox(box);
    if (response === 1) policy.postponeToday();
  }

  // Hold the quit once to make the backup; electron-updater installs on the quit that follows.
  app.on('before-quit', (event) => {
    if (!policy.needsBackupBeforeQuit()) return;
    event.preventDefault();
    void policy.prepareInstallOnQuit().finally(() => app.quit());
  });

  void policy.start();
  return policy;
}
