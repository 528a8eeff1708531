// Consumer pages: the trace address behind labels' QR codes, the static site `publish` writes (Decree 37/2026
// items, nothing private, recall warnings, 12 months after expiry, incremental), and the public `serve` route.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { buildDemo, demoClock } from '../../main/demo';
import { CUSTOMERS, SUPPLIERS } from '../../main/demo/data';
import { publishSite } from '../../main/publish/site';
import { startHttpHost, type HttpHost } from '../../main/hosts/http';
import { barcodeContent } from '../../shared/labels/fields';
import { defaultTemplate } from '../../shared/labels/defaults';
import { AppError } from '../../shared/api/errors';
import { addDays } from '../../shared/domain/lots';
import { aBusiness, makeCore, tempDir } from '../helpers/core';

const TODAY = '2026-11-29';

function walk(dir: string, rel = ''): string[] {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]));
}

describe('trace address', () => {
  it('is stored as a web address without a trailing slash; anything else is refused in words', () => {
    const core = makeCore();
    expect(
      core.run('business.update', aBusiness({ digitalLinkDomain: 'truyxuat.dieuphuloc.vn/' })).digitalLinkDomain,
    ).toBe('https://truyxuat.dieuphuloc.vn');
    for (const bad of ['ftp://x.vn', 'https://x.vn/?a=1', 'https://a b.vn']) {
      const r = core.call('business.update', aBusiness({ digitalLinkDomain: bad }));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.fields?.[0]).toMatchObject({ path: 'digitalLinkDomain', code: 'TRACE_ADDRESS_FORMAT' });
    }
    core.close();
  });
});

describe('published site of the demo business', () => {
  let core: Core;
  let dir: string;
  let jar: { id: number; code: string; gtin14: string };
  let first: Awaited<ReturnType<typeof publishSite>>;

  beforeAll(async () => {
    const clock = demoClock();
    core = openCore({ dbPath: ':memory:', host: 'test', clock, log: () => {} });
    buildDemo(core, clock, { scale: 30, seed: 5, endDate: TODAY });
    dir = path.join(tempDir(), 'site');
    first = await publishSite(core.db, { outDir: dir, today: TODAY, zipFile: `${dir}.zip` });
    const lot = core.run('lots.list', { search: 'HDRM500', limit: 1 }).items[0];
    jar = { id: lot.id, code: lot.code, gtin14: '0' + core.run('products.list', { search: 'HDRM500' }).items[0].gtin };
  }, 120_000);
  afterAll(() => core.close());

  it("label QR codes are the lot's Digital Link under the business's trace address", () => {
    const { data } = core.run('labels.data', { lotId: jar.id });
    const qr = defaultTemplate('food-100x50')!.elements.find(
      (e) => e.type === 'barcode' && e.symbology === 'qr-digital-link',
    );
    const c = barcodeContent(qr as never, data, { today: TODAY });
    expect(c.ok && c.data).toMatch(
      new RegExp(`^https://truyxuat\\.dongnaixanh\\.vn/01/${jar.gtin14}/10/${jar.code}\\?17=\\d{6}$`),
    );
    // Without one, GS1's resolver.
    core.db.prepare('UPDATE business SET digital_link_domain = NULL').run();
    const bare = barcodeContent(qr as never, core.run('labels.data', { lotId: jar.id }).data, { today: TODAY });
    expect(bare.ok && bare.data).toMatch(new RegExp(`^https://id\\.gs1\\.org/01/${jar.gtin14}/10/`));
    core.db.prepare("UPDATE business SET digital_link_domain = 'https://truyxuat.dongnaixanh.vn'").run();
  });

  it('writes a page per lot, per product and an index, with every Decree 37 Điều 23 k7 item', () => {
    const files = walk(dir);
    expect(files).toEqual(expect.arrayContaining(['index.html', 'en.html', '404.html', '.nojekyll']));
    expect(first.lots).toBeGreaterThan(10);
    const lotPages = files.filter((f) => /^01\/\d{14}\/10\/[^/]+\/index\.html$/.test(f));
    expect(lotPages.length).toBe(first.lots);
    expect(files.filter((f) => /^01\/\d{14}\/index\.html$/.test(f)).length).toBe(first.products);
    const page = fs.readFileSync(path.join(dir, '01', jar.gtin14, '10', jar.code, 'index.html'), 'utf8');
    for (const item of [
      'Hạt điều rang muối Đồng Nai Xanh hũ 500 g', // product name
      'Công ty TNHH Thực phẩm Nông sản Đồng Nai Xanh', // producer
      'Lô B4, KCN Hố Nai 3', // address
      'Mã số thuế',
      'Xuất xứ</dt><dd>Việt Nam',
      'Nhãn hiệu</dt><dd>Đồng Nai Xanh',
      `Lô: ${jar.code}`,
      'Hạn sử dụng',
      'Ngày sản xuất',
      'TCCS 01:2026/ĐNX',
      'Cảnh báo an toàn',
      'Sản xuất ngày',
      'Cập nhật lần cuối',
    ])
      expect(page).toContain(item);
    expect(page).toMatch(/<img class="photo" src="\.\.\/\.\.\/anh\.png"/);
    expect(fs.existsSync(path.join(dir, '01', jar.gtin14, 'anh.png'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, '01', jar.gtin14, '10', jar.code, 'en.html'), 'utf8')).toContain(
      'Expiry date',
    );
  });

  it('never shows a partner name, and makes no request to anyone', () => {
    const names = [...CUSTOMERS, ...SUPPLIERS].flatMap((p) => [p.name, 'contactPerson' in p ? p.contactPerson : null]);
    for (const f of walk(dir).filter((x) => x.endsWith('.html'))) {
      const html = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const n of names) if (n) expect(html, `${f}: ${n}`).not.toContain(n);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(html).not.toMatch(/<script|@import|url\(/);
    }
  });

  it('warns at the top of a recalled lot, and publishing again rewrites only what changed', async () => {
    const again = await publishSite(core.db, { outDir: dir, today: TODAY });
    expect(again).toMatchObject({ written: 0, removed: 0, unchanged: first.written });
    core.run('lots.setStatus', { lotIds: [jar.id], status: 'recalled', reason: 'Nghi nhiễm nấm mốc' });
    const after = await publishSite(core.db, { outDir: dir, today: TODAY });
    expect(after.written).toBeGreaterThan(0);
    expect(after.written).toBeLessThan(20);
    const page = fs.readFileSync(path.join(dir, '01', jar.gtin14, '10', jar.code, 'index.html'), 'utf8');
    expect(page.indexOf('CẢNH BÁO THU HỒI')).toBeGreaterThan(0);
    expect(page.indexOf('CẢNH BÁO THU HỒI')).toBeLessThan(page.indexOf('<h1>'));
    expect(page).not.toContain('Nghi nhiễm nấm mốc');
  });

  it('keeps a lot 12 months after its expiry, then removes its pages; private products are not published', async () => {
    const expiry = core.db.prepare('SELECT expiry_date FROM lots WHERE id = ?').pluck().get(jar.id) as string;
    const yearAfter = `${Number(expiry.slice(0, 4)) + 1}${expiry.slice(4)}`;
    await publishSite(core.db, { outDir: dir, today: yearAfter });
    expect(fs.existsSync(path.join(dir, '01', jar.gtin14, '10', jar.code, 'index.html'))).toBe(true);
    await publishSite(core.db, { outDir: dir, today: addDays(yearAfter, 1) });
    expect(fs.existsSync(path.join(dir, '01', jar.gtin14, '10', jar.code))).toBe(false);

    const product = core.run('products.list', { search: 'HDRM500' }).items[0];
    core.run('publish.updateSettings', { privateProductIds: [product.id] });
    await publishSite(core.db, { outDir: dir, today: TODAY });
    expect(fs.existsSync(path.join(dir, '01', jar.gtin14))).toBe(false);
    core.run('publish.updateSettings', { privateProductIds: [] });
  });

  it('refuses a folder that holds other files', async () => {
    const other = tempDir();
    fs.writeFileSync(path.join(other, 'thu.txt'), 'của tôi');
    await expect(publishSite(core.db, { outDir: other, today: TODAY })).rejects.toThrow(AppError);
    expect(fs.readdirSync(other)).toEqual(['thu.txt']);
  });

  describe('serve', () => {
    let host: HttpHost;
    beforeAll(async () => {
      host = await startHttpHost({ core, port: 0 });
    });
    afterAll(() => host.close());
    const get = (p: string, headers: Record<string, string> = {}) =>
      fetch(`http://127.0.0.1:${host.port}${p}`, { headers, redirect: 'manual' });

    it('answers a lot at its Digital Link path without the token, and a linkset on request', async () => {
      const dl = `/01/${jar.gtin14}/10/${jar.code}`;
      const bare = await get(`${dl}?17=270101`);
      expect(bare.status).toBe(301);
      expect(bare.headers.get('location')).toBe(`${dl}/?17=270101`);
      const page = await get(`${dl}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await page.text()).toContain(`Lô: ${jar.code}`);
      expect((await get(`/01/${jar.gtin14}/anh.png`)).headers.get('content-type')).toBe('image/png');
      for (const r of [await get(dl, { accept: 'application/linkset+json' }), await get(`${dl}?linkType=all`)]) {
        expect(r.status).toBe(200);
        expect(r.headers.get('content-type')).toBe('application/linkset+json');
        const ls = (await r.json()) as { linkset: Record<string, unknown>[] };
        expect(ls.linkset[0].anchor).toBe(`http://127.0.0.1:${host.port}${dl}`);
        expect(ls.linkset[0]['https://gs1.org/voc/defaultLink']).toBeTruthy();
      }
    });

    it('exposes nothing else without the token', async () => {
      expect((await get('/01/09521234999999/10/X/')).status).toBe(404);
      expect((await get(`/01/${jar.gtin14}/10/${jar.code}/../../../../api`)).status).toBe(401);
      const api = await fetch(`http://127.0.0.1:${host.port}/api/lots.list`, { method: 'POST', body: '{}' });
      expect(api.status).toBe(401);
    });
  });
});
