// Browser end-to-end tests: `nguongoc serve` on a free port with a temp database and a fixed token,
// driven by Debian's Chromium through playwright-core (Playwright cannot download browsers here).
// Suites use `describeBrowser`, which skips with a printed reason when Chromium is missing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { CLI, ROOT, serve, type Served } from './dist';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const HAS_CHROMIUM = fs.existsSync(CHROMIUM);
export const TOKEN = 'e2e-test-token-0123456789';
const RENDERER_INDEX = path.join(ROOT, 'dist', 'renderer', 'index.html');

/** Where screenshots go: `.tmp/screenshots` unless NGUONGOC_SCREENSHOT_DIR says otherwise (e.g. docs/screenshots). */
export const SCREENSHOT_DIR = path.resolve(
  ROOT,
  process.env.NGUONGOC_SCREENSHOT_DIR ?? path.join('.tmp', 'screenshots'),
);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A describe block that needs Chromium; skipped (with the reason printed) when it is missing. */
export function describeBrowser(name: string, fn: () => void): void {
  if (!HAS_CHROMIUM) {
    console.log(`[e2e] "${name}" bỏ qua / skipped: không có Chromium ở ${CHROMIUM} (cài: apt-get install -y chromium)`);
  }
  // A browser on a busy 2-core machine is slow; steps wait for the UI, not for fixed times.
  describe.skipIf(!HAS_CHROMIUM)(name, { timeout: 120_000 }, fn);
}

/** `npm test` builds first; a single test file run by hand builds whatever dist/ lacks. */
export function ensureAppBuilt(): void {
  if (fs.existsSync(CLI) && fs.existsSync(RENDERER_INDEX)) return;
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}

export type AppSession = {
  url: string;
  token: string;
  dbPath: string;
  served: Served;
  context: BrowserContext;
  page: Page;
  /** Errors thrown in the page or logged with console.error, to assert the UI ran clean. */
  pageErrors: string[];
  /** Calls the API directly (to seed data), throwing on an error envelope. */
  api<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** Restarts the server on the same database (the browser keeps its page). */
  stop(): Promise<void>;
};

export async function startApp(
  opts: {
    lang?: 'vi' | 'en';
    /** Fills the database before the server opens it (e.g. `nguongoc demo`). */ prepare?: (
      dbPath: string,
    ) => Promise<void>;
  } = {},
): Promise<AppSession> {
  ensureAppBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nguongoc-e2e-'));
  const dbPath = path.join(dir, 'test.db');
  await opts.prepare?.(dbPath);
  const served = await serve(['--db', dbPath, '--token', TOKEN]);
  const userDataDir = path.join(dir, 'chromium-profile');
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      locale: opts.lang === 'en' ? 'en-US' : 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
  } catch (err) {
    await served.stop();
    throw err;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A refused request (4xx: a duplicate GTIN…) is a normal answer the UI shows; Chromium still logs it.
    if (
      m.type() === 'error' &&
      !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())
    ) {
      pageErrors.push(`console.error: ${m.text()}`);
    }
  });

  const api = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const res = await fetch(`${served.url}api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } };
    if (!body.ok) throw new Error(`${method}: ${body.error?.code} ${body.error?.message}`);
    return body.data as T;
  };

  return {
    url: served.url,
    token: TOKEN,
    dbPath,
    served,
    context,
    page,
    pageErrors,
    api,
    stop: async () => {
      await context.close().catch(() => undefined);
      await served.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Saves a 1280×800 screenshot as <name>.png in SCREENSHOT_DIR and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** A business, location and product so tests can start past the first-run wizard. */
export async function seedSetup(app: AppSession): Promise<void> {
  await app.api('business.update', {
    name: 'Cơ sở Chè Tân Cương',
    taxCode: '0300588569',
    address: 'Xóm 1, Tân Cương',
    province: 'Thái Nguyên',
  });
  await app.api('locations.create', { name: 'Xưởng chế biến', kind: 'production' });
  await app.api('products.create', { kind: 'finished', name: 'Chè búp khô', code: 'CHE01', unit: 'kg' });
}

/** expect.poll with a timeout fit for a browser on a busy 2-core machine (the default is 1 s). */
export function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 20_000, interval: 100 });
}

/** Chooses an option of the antd select `testId` and waits until the select shows it. A drop-down that
 * re-renders while its list is refetched can swallow the click, so the choice is tried again (three times). */
export async function chooseOption(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text })
      .first()
      .click();
    try {
      await expect.poll(() => select.textContent(), { timeout: 3_000 }).toContain(text);
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** Clicks a button of the open confirm dialog and waits until the dialog has closed. A click during the
 * dialog's opening animation can be lost on a busy machine, so it is tried again (three times). */
export async function confirmDialog(page: Page, button: string): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm');
  for (let attempt = 1; ; attempt++) {
    await page.locator(`.ant-modal-confirm-btns ${button}`).click();
    try {
      await expect.poll(() => dialog.count(), { timeout: 5_000 }).toBe(0);
      return;
    } catch (err) {
      if (attempt === 3 || (await page.locator(`.ant-modal-confirm-btns ${button}`).count()) === 0) throw err;
    }
  }
}

/** Waits until toasts and open drop-downs are gone, so a screenshot shows the page itself. */
export async function settle(page: Page): Promise<void> {
  await poll(() =>
    page.locator('.ant-message-notice, .ant-select-dropdown:not(.ant-select-dropdown-hidden)').count(),
  ).toBe(0);
}
