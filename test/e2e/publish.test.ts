// The published lot page on a phone: the demo site from `publishSite`, served by a plain static file server, opened
// in Chromium at 390×844 as a shopper who scanned the label's QR would — readable without zoom, no horizontal
// scroll, under 300 KB with its photo, no request to anyone else; and the same page after a recall.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openCore, type Core } from '../../main/core';
import { buildDemo, demoClock } from '../../main/demo';
import { lotPath, publishSite } from '../../main/publish/site';
import { CHROMIUM, CHROMIUM_ARGS, describeBrowser, screenshot } from '../helpers/browser';
import { tempDir } from '../helpers/core';

const TODAY = '2026-11-29';

/** A static host as a shop would rent one: files only, `dir/` answers `dir/index.html`. */
function staticServer(root: string): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.join(root, rel);
    if (file.endsWith(path.sep) || rel.endsWith('/')) file = path.join(file, 'index.html');
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(fs.readFileSync(path.join(root, '404.html')));
    }
    const type = file.endsWith('.html')
      ? 'text/html; charset=utf-8'
      : file.endsWith('.png')
        ? 'image/png'
        : 'application/json';
    res.writeHead(200, { 'content-type': type });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() }),
    ),
  );
}

describeBrowser('published lot page on a phone', () => {
  let core: Core;
  let dir: string;
  let host: { url: string; close(): void };
  let browser: Browser;
  let lot: { id: number; code: string; gtin14: string };

  beforeAll(async () => {
    const clock = demoClock();
    core = openCore({ dbPath: ':memory:', host: 'test', clock, log: () => {} });
    buildDemo(core, clock, { scale: 30, seed: 5, endDate: TODAY });
    const l = core.run('lots.list', { search: 'HDRM500', limit: 1 }).items[0];
    lot = { id: l.id, code: l.code, gtin14: '0' + core.run('products.list', { search: 'HDRM500' }).items[0].gtin };
    dir = path.join(tempDir(), 'site');
    await publishSite(core.db, { outDir: dir, today: TODAY });
    host = await staticServer(dir);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    host?.close();
    core?.close();
  });

  async function open(): Promise<{ page: Page; bytes: number; foreign: string[] }> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
    });
    const page = await context.newPage();
    let bytes = 0;
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(host.url)) foreign.push(r.url());
    });
    page.on(
      'response',
      (r) =>
        void r
          .body()
          .then((b) => (bytes += b.length))
          .catch(() => {}),
    );
    // The label's QR: the Digital Link path, as a phone's camera opens it (the host adds the folder slash).
    await page.goto(`${host.url}/${lotPath(lot.gtin14, lot.code)}/`);
    await page.waitForLoadState('networkidle');
    return { page, bytes, foreign };
  }

  async function readable(page: Page) {
    return page.evaluate(() => {
      const sizes = [...document.querySelectorAll('main *')]
        .filter((e) => e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
        .map((e) => parseFloat(getComputedStyle(e).fontSize));
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        smallestText: Math.min(...sizes),
        imageLoaded: (document.querySelector('img.photo') as HTMLImageElement | null)?.naturalWidth ?? 0,
      };
    });
  }

  it('is readable without zoom, scrolls only down, stays under 300 KB and asks nobody else', async () => {
    const { page, bytes, foreign } = await open();
    const r = await readable(page);
    expect(r.scrollWidth).toBeLessThanOrEqual(r.innerWidth);
    expect(r.smallestText).toBeGreaterThanOrEqual(14);
    expect(r.imageLoaded).toBeGreaterThan(0);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(300 * 1024);
    expect(foreign).toEqual([]);
    expect(await page.locator('h1').textContent()).toBe('Hạt điều rang muối Đồng Nai Xanh hũ 500 g');
    expect(await page.locator('.warn').count()).toBe(0);
    await screenshot(page, 'lot-page');
    await page.getByRole('link', { name: 'English' }).click();
    await page.locator('dt', { hasText: 'Expiry date' }).waitFor();
    await page.context().close();
  });

  it('warns at the top once the lot is recalled and the site is published again', async () => {
    core.run('lots.setStatus', { lotIds: [lot.id], status: 'recalled', reason: 'Kiểm tra độ ẩm' });
    await publishSite(core.db, { outDir: dir, today: TODAY });
    const { page } = await open();
    const warn = page.getByRole('alert');
    expect(await warn.textContent()).toContain('CẢNH BÁO THU HỒI');
    const box = await warn.boundingBox();
    expect(box!.y).toBeLessThan(100);
    expect((await readable(page)).scrollWidth).toBeLessThanOrEqual(390);
    await screenshot(page, 'lot-page-recalled');
    await page.context().close();
  });
});
