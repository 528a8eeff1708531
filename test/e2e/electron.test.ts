// The desktop window end to end: Playwright's _electron launches the real Electron binary on the built
// app with a temp database, and the first-run wizard must render through the preload and IPC.
// Skipped, with the reason printed, when the Electron binary is not on disk (offline machines cannot
// download it). The electron module is never required: that would try to download the binary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAppBuilt } from '../helpers/browser';
import { ROOT } from '../helpers/dist';

/** The binary node_modules/electron would run, found the way scripts/start.mjs finds it (no download). */
function electronBinary(): string | null {
  const dir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const file = process.env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel || 'electron')
    : rel
      ? path.join(dir, 'dist', rel)
      : '';
  return file && fs.existsSync(file) ? file : null;
}

const BINARY = electronBinary();
const NO_DISPLAY = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const reason = !BINARY
  ? 'không có tệp chạy Electron trong node_modules/electron/dist (máy không tải được) / the Electron binary is not installed (it cannot be downloaded here)'
  : NO_DISPLAY
    ? 'không có màn hình (DISPLAY) — chạy dưới xvfb-run / no display (DISPLAY unset) — run under xvfb-run'
    : '';
if (reason) console.log(`[e2e] "Electron desktop window" bỏ qua / skipped: ${reason}`);

describe.skipIf(!!reason)('Electron desktop window', () => {
  let app: ElectronApplication;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    ensureAppBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ng-electron-'));
    const args = [ROOT, '--db', path.join(dir, 'nguongoc.db')];
    // Chromium refuses to start as root without this (CI containers run as root).
    if (process.getuid?.() === 0) args.unshift('--no-sandbox');
    const env = { ...process.env, ELECTRON_RUN_AS_NODE: '', NGUONGOC_KEY_FILE: path.join(dir, 'keys', 'secret.key') };
    app = await _electron.launch({ executablePath: BINARY!, args, cwd: ROOT, env, timeout: 60_000 });
    page = await app.firstWindow();
  });
  afterAll(async () => {
    await app?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens one window titled "Nguồn Gốc" that shows the first-run wizard', async () => {
    await page.getByText('Bắt đầu dùng Nguồn Gốc').waitFor({ timeout: 30_000 });
    const titles = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
    expect(titles).toEqual(['Nguồn Gốc']);
    // The page reached the core through the preload: the bridge is there, Node is not.
    expect(await page.evaluate(() => (window as unknown as { nguongoc?: { host: string } }).nguongoc?.host)).toBe(
      'electron',
    );
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  });

  it('refuses to open other windows and navigation away from the app', async () => {
    await page.evaluate(() => window.open('https://example.com/'));
    await page
      .evaluate(() => {
        location.href = 'file:///etc/hostname';
      })
      .catch(() => undefined);
    await page.getByText('Bắt đầu dùng Nguồn Gốc').waitFor({ timeout: 10_000 });
    expect(app.windows()).toHaveLength(1);
    expect(page.url()).toMatch(/^app:\/\/nguongoc\/index\.html/);
  });

  it('is served from app://nguongoc only: no file of the PC, no path out of the app, no method the screens do not use', async () => {
    const answers = await page.evaluate(async () => {
      const status = (url: string) =>
        fetch(url).then(
          (r) => r.status,
          () => 'refused',
        );
      const bridge = (window as unknown as { nguongoc: { call: (...a: unknown[]) => Promise<unknown> } }).nguongoc;
      return {
        origin: location.origin,
        file: await status('file:///etc/hostname'),
        outside: await status('app://nguongoc/..%2f..%2f..%2fpackage.json'),
        cliOnly: await bridge.call('stock.rebuild', {}, 'vi'),
      };
    });
    expect(answers.origin).toBe('app://nguongoc');
    expect(answers.file).toBe('refused');
    expect(answers.outside).toBe(404);
    expect(answers.cliOnly).toMatchObject({ ok: false, error: { code: 'METHOD_NOT_IN_APP' } });
  });

  it('keeps the portal login key under safeStorage when the OS offers it, never as a plain file beside it', async () => {
    const keys = path.join(dir, 'keys');
    const available = await app.evaluate(
      async ({ safeStorage }) =>
        (await safeStorage.isAsyncEncryptionAvailable()) &&
        (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    );
    if (available) {
      expect(fs.existsSync(path.join(keys, 'secret.key.safe'))).toBe(true);
      expect(fs.existsSync(path.join(keys, 'secret.key'))).toBe(false);
    } else {
      expect(fs.existsSync(path.join(keys, 'secret.key.safe'))).toBe(false);
    }
  });

  it('lists the printers the OS has through the shell', async () => {
    const fromShell = await app.evaluate(async ({ BrowserWindow }) =>
      (await BrowserWindow.getAllWindows()[0].webContents.getPrintersAsync()).map((p) => p.name),
    );
    const fromApi = await page.evaluate(async () => {
      const bridge = (
        window as unknown as {
          nguongoc: { call(m: string, i: unknown, l: string): Promise<{ ok: boolean; data?: { name: string }[] }> };
        }
      ).nguongoc;
      // The first look starts the refresh; the second sees its answer.
      await bridge.call('printers.installed', {}, 'vi');
      await new Promise((r) => setTimeout(r, 1500));
      const r = await bridge.call('printers.installed', {}, 'vi');
      return r.ok ? (r.data ?? []).map((p) => p.name) : null;
    });
    if (process.platform === 'win32') expect(fromApi?.sort()).toEqual(fromShell.sort());
    else expect(Array.isArray(fromApi)).toBe(true);
  });
});
