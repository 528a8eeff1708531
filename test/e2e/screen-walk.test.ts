// Every screen in both languages, as the owner on the demo database at 1366×768: no untranslated key,
// no raw code (method names, error codes, regex, JSON, {placeholder}, undefined, NaN, [object Object]),
// no Vietnamese in English mode and no English UI words in Vietnamese mode. The routes come from the
// app's own page list (renderer/src/**/features.tsx), so a new page is walked without touching this file;
// a page with an :id gets one from the demo data (a new kind of detail page must say where its id comes from).
// Text that is data (product, partner, place names, reasons typed by people) is taken out first: every
// string stored in the demo database is data, whatever language the screen is in.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, poll, screenshot, startApp, type AppSession } from '../helpers/browser';
import { ROOT, runCli } from '../helpers/dist';
import { METHOD_NAMES } from '../../shared/api/contract';
import { errorsVi } from '../../shared/i18n/messages';
import { PROVINCES } from '../../renderer/src/data/provinces';

type Lang = 'vi' | 'en';
type Ids = { receipt: number; batch: number; shipment: number; lot: number; lotCode: string; recall: number };

/** Every `path: '…'` of the app's page list. */
function appRoutes(): string[] {
  const dir = path.join(ROOT, 'renderer', 'src');
  const files = [
    path.join(dir, 'features.tsx'),
    ...fs
      .readdirSync(path.join(dir, 'pages'), { recursive: true, encoding: 'utf8' })
      .filter((f) => path.basename(f) === 'features.tsx')
      .map((f) => path.join(dir, 'pages', f)),
  ];
  const paths = files.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/\bpath: '([^']+)'/g)].map((m) => m[1]));
  return [...new Set(paths)];
}

/** The addresses that open a route: detail routes get an id from the demo data. */
function addresses(route: string, ids: Ids): string[] | null {
  const detail: Record<string, string[]> = {
    '/receipts/*': ['/receipts', `/receipts/${ids.receipt}`],
    '/batches/*': ['/batches', `/batches/${ids.batch}`],
    '/shipments/*': ['/shipments', `/shipments/${ids.shipment}`],
    '/lots/*': ['/lots', `/lots/${ids.lot}`],
    '/recall/:id': [`/recall/${ids.recall}`],
    '/trace': ['/trace', `/trace?lot=${encodeURIComponent(ids.lotCode)}`],
    '/labels/print': ['/labels/print', `/labels/print?lotId=${ids.lot}`],
  };
  if (detail[route]) return detail[route];
  return /[:*]/.test(route) ? null : [route];
}

/** The screens kept for the docs in both languages (NGUONGOC_SCREENSHOT_DIR=docs/screenshots): demo-<name>[-en].png. */
function shotName(address: string, ids: Ids): string | null {
  const names: Record<string, string> = {
    [`/receipts/${ids.receipt}`]: 'receipt',
    [`/batches/${ids.batch}`]: 'batch',
    [`/shipments/${ids.shipment}`]: 'shipment',
    [`/trace?lot=${encodeURIComponent(ids.lotCode)}`]: 'trace',
    [`/recall/${ids.recall}`]: 'recall',
  };
  return names[address] ?? null;
}

/** Every string the demo database holds (names, addresses, reasons…), longest first: data, not UI words. */
function dataStrings(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  const out = new Set<string>();
  const add = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.length >= 2) out.add(v.trim());
      if (/^[[{]/.test(v)) {
        try {
          add(JSON.parse(v));
        } catch {
          /* not JSON */
        }
      }
    } else if (Array.isArray(v)) v.forEach(add);
    else if (v && typeof v === 'object') Object.values(v).forEach(add);
  };
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    for (const t of tables) {
      for (const row of db.prepare(`SELECT * FROM "${t}" LIMIT 5000`).raw().all() as unknown[][]) row.forEach(add);
    }
  } finally {
    db.close();
  }
  // People also see a street or a name cut in pieces ("Biên Hòa" inside an address, a product in a title).
  for (const s of [...out])
    for (const part of s.split(/[,;·()\n]|\s[-–]\s/)) if (part.trim().length >= 2) out.add(part.trim());
  for (const p of PROVINCES) out.add(p);
  return [...out].sort((a, b) => b.length - a.length);
}

const NAMESPACES = fs
  .readdirSync(path.join(ROOT, 'renderer', 'src', 'i18n'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''));
const KEY = new RegExp(`(?<![\\w/.@-])(?:${NAMESPACES.join('|')})[.:][a-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)*\\b`);
const METHOD = new RegExp(`(?<![\\w.])(?:${METHOD_NAMES.map((m) => m.replace(/\./g, '\\.')).join('|')})(?![\\w.])`);
const ERROR_CODES = Object.keys(errorsVi).filter((c) => c.length > 3);
const RAW: [string, RegExp][] = [
  ['untranslated key', KEY],
  ['method name', METHOD],
  ['error code', /\b[A-Z][A-Z0-9]+_[A-Z0-9_]+\b/],
  ['error code', new RegExp(`\\b(?:${ERROR_CODES.join('|')})\\b`)],
  ['regex', /\/\^|\$\/|\\d[{+*]|\[\^/],
  ['JSON', /[{}]|":\s*["\d[{]/],
  ['undefined / NaN / null', /\bundefined\b|\bNaN\b|\bnull\b|\[object \w+\]|Invalid Date/],
];
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;
/** English UI words that have no place on a Vietnamese screen (GTIN, QR, PDF… are the same in both). */
const ENGLISH_WORDS =
  /\b(?:Save|Cancel|Delete|Edit|Search|Loading|Submit|Close|Back|Next|Yes|No|Error|Settings|Select|Please|items?|the|and|with|from|page|Total|Status|Actions?|Name|Date|Quantity|Unit|Products?|Lots?|Batch(?:es)?|Receipts?|Shipments?|Customers?|Suppliers?|Locations?|Print|Labels?|Preview|Download|Upload|Open|None|Today|Now|pending|rejected|Manual|Daily|Other|Before|Start|End|Add|New|Remove)\b/;
/** Vietnamese that stays in English mode: the app's name and the language switch. */
const ALWAYS = ['Nguồn Gốc', 'Tiếng Việt'];

/** The words on the screen a person reads: text, placeholders, titles and labels of controls. */
async function screenText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = (el as HTMLElement).getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!text || !el || el.closest('script, style, svg, [data-walk-skip], .ant-select-selection-search')) continue;
      if (visible(el)) out.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
      if (!visible(el) || el.closest('[data-walk-skip]')) continue;
      for (const a of ['placeholder', 'title', 'aria-label']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}

/** The lot-code pattern the owner types on the product form ({CODE}-{YYMMDD}-{SEQ}) is words for people there. */
const LOT_PATTERN_TOKENS = /\{(?:CODE|YYMMDD|YYYYMMDD|SEQ)\}/g;

function problems(texts: string[], lang: Lang, data: string[]): string[] {
  const found: string[] = [];
  for (const text of texts) {
    const raw = text.replace(LOT_PATTERN_TOKENS, '');
    for (const [what, re] of RAW) if (re.test(raw)) found.push(`${what}: "${text}"`);
    let words = text;
    for (const d of data) if (words.includes(d)) words = words.split(d).join(' ');
    for (const a of ALWAYS) words = words.split(a).join(' ');
    if (lang === 'en' && VIETNAMESE.test(words)) found.push(`Vietnamese in English mode: "${text}"`);
    if (lang === 'vi' && ENGLISH_WORDS.test(words)) found.push(`English in Vietnamese mode: "${text}"`);
  }
  return found;
}

/** Waits until the page's API calls are answered and nothing is loading. */
async function settled(page: Page): Promise<void> {
  await poll(() =>
    page.evaluate(
      () =>
        (window as unknown as { __inflight?: number }).__inflight === 0 &&
        !document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-table-placeholder .ant-spin'),
    ),
  ).toBe(true);
}

/**
 * Opens an address as the menu does and waits for the router to put the new page in place of the old one
 * (a page drawn by the same component for both addresses, e.g. /trace and /trace?lot=…, is given a second).
 */
async function go(page: Page, address: string): Promise<void> {
  await page.evaluate((a) => {
    document.querySelector('main.ant-layout-content > *')?.setAttribute('data-walk-old', '');
    window.location.hash = `#${a}`;
  }, address);
  await page
    .waitForFunction(() => !document.querySelector('main.ant-layout-content > [data-walk-old]'), null, {
      timeout: 1_000,
    })
    .catch(() => undefined);
}

describeBrowser('every screen in both languages (browser mode, demo data)', () => {
  let app: AppSession;
  let ids: Ids;
  let data: string[];
  let owner: string;
  const routes = appRoutes();

  beforeAll(async () => {
    app = await startApp({
      prepare: async (dbPath) => {
        const r = await runCli(['demo', '--db', dbPath, '--scale', '20'], { timeoutMs: 120_000 });
        if (r.code !== 0) throw new Error(`demo: ${r.stderr}`);
      },
    });
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    // Count the API calls in flight, to know when a page has its data.
    await page.addInitScript(() => {
      const w = window as unknown as { __inflight: number };
      w.__inflight = 0;
      const orig = window.fetch.bind(window);
      window.fetch = async (...args) => {
        w.__inflight++;
        try {
          return await orig(...args);
        } finally {
          w.__inflight--;
        }
      };
    });
    type Row = { id: number; code?: string };
    const first = async (method: string, input: unknown = {}) =>
      (await app.api<{ items: Row[] }>(method, { limit: 1, ...(input as object) })).items[0];
    const lot = await first('lots.list', { origin: 'production', usable: true });
    const recall = await app.api<{ id: number }>('recall.start', {
      lotIds: [lot.id],
      reason: 'Kiểm tra định kỳ của đoàn thanh tra',
    });
    ids = {
      receipt: (await first('receipts.list')).id,
      batch: (await first('batches.list')).id,
      shipment: (await first('shipments.list')).id,
      lot: lot.id,
      lotCode: lot.code ?? '',
      recall: recall.id,
    };
    // Sign in as the owner, as a shop owner would.
    owner = (await app.api<{ session: string }>('users.setup', { name: 'Chị Lan', pin: '2468' })).session;
    data = dataStrings(app.dbPath);
    await page.goto(app.url);
    await page.getByTestId('login-user-Chị Lan').click();
    await page.getByTestId('login-pin').fill('2468');
    await page.getByTestId('login-submit').click();
    await page.locator('.ant-menu').waitFor();
  }, 240_000);
  afterAll(async () => {
    await app?.stop();
  }, 120_000);

  it('finds every page of the app, and every menu entry is one of them', async () => {
    expect(routes).toContain('/');
    const missing = routes.filter((r) => addresses(r, ids) === null);
    expect(missing, 'a detail page the walk cannot fill: add it to addresses()').toEqual([]);
    const menu = await app.page
      .locator('.ant-menu a[href^="#/"]')
      .evaluateAll((as) => as.map((a) => (a.getAttribute('href') ?? '').slice(1).split('?')[0]));
    expect(menu.length).toBeGreaterThan(10);
    const known = routes.flatMap((r) => addresses(r, ids) ?? []).map((a) => a.split('?')[0]);
    expect(menu.filter((m) => !known.includes(m))).toEqual([]);
  });

  for (const lang of ['vi', 'en'] as const) {
    it(`shows no key, code or ${lang === 'vi' ? 'English' : 'Vietnamese'} word on any screen in ${lang}`, async () => {
      const { page } = app;
      const res = await fetch(`${app.url}api/settings.update`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${app.token}`,
          'X-Nguongoc-Session': owner,
        },
        body: JSON.stringify({ language: lang }),
      });
      expect(res.status).toBe(200);
      await page.reload();
      await page.locator('.ant-menu').waitFor();
      await poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
      const found: string[] = [];
      const check = async (where: string) => {
        await settled(page);
        if (await page.locator('.ant-result-404').count()) found.push(`${where}: no such page (404)`);
        for (const p of problems(await screenText(page), lang, data)) found.push(`${where}: ${p}`);
      };
      for (const address of routes.flatMap((r) => addresses(r, ids) ?? [])) {
        await go(page, address);
        await check(address);
        const shot = shotName(address, ids);
        if (shot) {
          await page.mouse.move(1, 760);
          await screenshot(page, `demo-${shot}${lang === 'en' ? '-en' : ''}`);
        }
        // The "add" form of a list page opens without saving anything.
        const create = page.getByTestId('create');
        if (await create.isVisible()) {
          await create.click({ timeout: 10_000 }).catch((err: Error) => {
            throw new Error(`${address}: ${err.message}`);
          });
          await page.locator('.ant-drawer-open, .ant-modal-wrap:not([style*="display: none"])').first().waitFor();
          await check(`${address} (form)`);
          await page.keyboard.press('Escape');
          await page
            .locator('.ant-drawer-open')
            .waitFor({ state: 'detached' })
            .catch(() => undefined);
        }
      }
      expect(found).toEqual([]);
      // antd's styles come from its prebuilt stylesheet: after every screen and form, what antd wrote into the
      // page is only its theme as CSS variables, never a component's rules (that work made the first render slow).
      expect(await antdGeneratedRules(page)).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    });
  }
});

/** Rules other than CSS variables that antd's CSS-in-JS put in <style> elements (the first 80 characters each). */
function antdGeneratedRules(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('style[data-css-hash]')]
      .map((s) => (s.textContent ?? '').replace(/--[\w-]+:[^;}]*;?/g, ''))
      .flatMap((css) => css.match(/[^{}]+\{[^}]*:[^}]*\}/g) ?? [])
      .map((rule) => rule.slice(0, 80)),
  );
}
