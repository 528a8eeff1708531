// The operator print screen in the browser: pick a lot, see the preview (the printed bitmap) with its checks,
// print to a TCP test printer on loopback, and find the job in the print log.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, poll, screenshot, startApp, type AppSession } from '../helpers/browser';
import { decodeTspl } from '../helpers/decoders/tspl';
import { readCodes } from '../helpers/decoders/barcodes';
import { runCli } from '../helpers/dist';
import { readPdf } from '../helpers/decoders/pdf';
import { appFolder } from '../../main/store/folders';

type Id = { id: number };

describeBrowser('label printing (browser mode)', () => {
  let app: AppSession;
  let server: net.Server;
  const jobs: Buffer[] = [];
  let port = 0;
  let productId = 0;
  let lotId = 0;
  beforeAll(async () => {
    server = net.createServer((s) => {
      const parts: Buffer[] = [];
      s.on('data', (d) => parts.push(d));
      s.on('end', () => {
        jobs.push(Buffer.concat(parts));
        s.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
    app = await startApp();
    await app.api('business.update', {
      name: 'Công ty TNHH Hạt Điều Đồng Nai',
      taxCode: '0300588569',
      address: '12 Đường 30/4, Phường Trấn Biên, Đồng Nai',
      province: 'Đồng Nai',
    });
    const loc = await app.api<Id>('locations.create', { name: 'Kho thành phẩm', kind: 'warehouse' });
    const p = await app.api<Id>('products.create', {
      kind: 'finished',
      name: 'Hạt điều rang muối',
      code: 'HDRM',
      unit: 'kg',
      gtin: '9520000000011',
      netQuantity: '500 g',
      ingredients: 'Hạt điều (98%), muối',
      storage: 'Nơi khô ráo, thoáng mát',
      usage: 'Dùng ngay sau khi mở bao',
      warnings: 'Không dùng cho người dị ứng hạt điều',
      origin: 'Việt Nam',
    });
    productId = p.id;
    // Opening stock is not offered to the page (nor over HTTP): the CLI records it, as at the shop PC.
    const opening = await runCli([
      'api',
      'lots.createOpening',
      JSON.stringify({
        productId,
        locationId: loc.id,
        qty: 10,
        lotCode: 'L261129-01',
        productionDate: '2026-11-29',
        expiryDate: '2027-11-29',
      }),
      '--db',
      app.dbPath,
    ]);
    expect(opening.code, opening.stderr).toBe(0);
    lotId = (JSON.parse(opening.stdout) as Id).id;
    await app.api('printers.save', {
      name: 'Máy in tem thử',
      uri: `tcp://127.0.0.1:${port}`,
      language: 'tspl',
      dpi: 203,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await new Promise<void>((r) => server?.close(() => r()));
  });

  it('designs a template (drag an element, save it as a new template), previews it, prints it to a TCP printer and finds it in the print log', async () => {
    const { page } = app;
    // Design: the DataMatrix of the built-in food label dragged 2 mm left (12 px at the default 6 px/mm), saved as a copy.
    await page.goto(`${app.url}#/labels/designer`);
    const dm = page.getByTestId('designer-el-dm');
    await dm.waitFor();
    const box = (await dm.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 6, box.y + box.height / 2, { steps: 3 });
    await page.mouse.move(box.x + box.width / 2 - 12, box.y + box.height / 2, { steps: 3 });
    await page.mouse.up();
    await page.getByTestId('designer-name').fill('Tem của tôi');
    await page.getByTestId('designer-save').click();
    await poll(async () => (await app.api<{ name: string }[]>('labels.templates', {})).map((x) => x.name)).toContain(
      'Tem của tôi',
    );
    const mine = (
      await app.api<{ name: string; ref: string; template: { elements: { id: string; x: number }[] } }[]>(
        'labels.templates',
        {},
      )
    ).find((x) => x.name === 'Tem của tôi')!;
    expect(mine.template.elements.find((e) => e.id === 'dm')!.x).toBe(34.5);
    await screenshot(page, 'labels-designer');

    await page.goto(`${app.url}#/labels/print?productId=${productId}&lotId=${lotId}`);
    await page.getByTestId('print-template').click();
    await page.locator('.ant-select-item-option', { hasText: 'Tem của tôi' }).click();
    const img = page.getByTestId('label-preview');
    await poll(async () => (await img.getAttribute('src')) ?? '').toMatch(/^data:image\/png;base64,/);
    // A small label: the check names what is on the accompanying document instead of claiming completeness.
    await poll(() => page.getByText('ghi trong tài liệu kèm theo hàng hoá', { exact: false }).count()).toBe(1);
    await page.getByTestId('print-copies').fill('2');
    await poll(() => page.getByTestId('print-go').isEnabled()).toBe(true);
    await page.getByTestId('print-go').click();
    await poll(() => jobs.length).toBe(1);
    await poll(() => page.getByTestId('print-status').textContent()).toContain('Đã in');
    await screenshot(page, 'labels-print');

    // What reached the printer is the preview: TSPL with the printer's copy count, and the DataMatrix reads back.
    const decoded = decodeTspl(jobs[0], { width: 400, height: 240 });
    expect(decoded.labels[0].copies).toBe(2);
    expect((await readCodes(decoded.labels[0].bitmap)).map((c) => c.text)).toEqual([
      '(01)09520000000011(17)271129(10)L261129-01',
    ]);

    await page.goto(`${app.url}#/labels/log`);
    await poll(() => page.getByTestId('print-log').textContent()).toContain('L261129-01');
    const row = page.getByTestId('print-log').locator('tr', { hasText: 'L261129-01' });
    await poll(() => row.textContent()).toContain('Đã in');
    expect(await row.textContent()).toContain('Máy in tem thử');
    expect(await row.textContent()).toContain('Tem của tôi');
    expect(app.pageErrors).toEqual([]);
  });

  it('the owner adds an office printer (A4 paper); choosing the A4 sheet template picks it and prints a PDF sheet', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/labels/printers`);
    await page.getByTestId('printer-name').fill('Máy in văn phòng');
    await page.getByTestId('printer-kind').click();
    await page.locator('.ant-select-item-option', { hasText: 'Máy in văn phòng (giấy A4)' }).click();
    await poll(() => page.getByTestId('printer-page-help').count()).toBe(1);
    await page.getByTestId('printer-uri').locator('input').fill('file:tem-a4.pdf');
    await page.keyboard.press('Escape');
    await screenshot(page, 'labels-office-printer');
    await page.getByTestId('printer-save').click();
    await poll(async () =>
      (await app.api<{ name: string; kind: string }[]>('printers.list', {})).map((p) => `${p.name}:${p.kind}`),
    ).toContain('Máy in văn phòng:page');

    await page.goto(`${app.url}#/labels/print?productId=${productId}&lotId=${lotId}`);
    await page.getByTestId('print-template').click();
    await page.locator('.ant-select-item-option', { hasText: 'Tem tờ A4 (3×7' }).click();
    // The roll printer cannot take an A4 page: the office printer is chosen instead.
    await poll(() => page.getByTestId('print-printer').textContent()).toContain('Máy in văn phòng (A4, 300 dpi)');
    const img = page.getByTestId('label-preview');
    await poll(async () => (await img.getAttribute('src')) ?? '').toMatch(/^data:image\/png;base64,/);
    await page.getByTestId('print-copies').fill('21');
    await poll(() => page.getByTestId('print-go').isEnabled()).toBe(true);
    await page.getByTestId('print-go').click();
    await poll(() => page.getByTestId('print-status').textContent()).toContain('Đã in');
    await screenshot(page, 'labels-print-a4');
    const pdf = readPdf(fs.readFileSync(path.join(appFolder(app.dbPath, 'prints'), 'tem-a4.pdf')));
    expect(pdf.pages.map((p) => [p.mediaBox.map((v) => Math.round(v)), p.images.length])).toEqual([
      [[0, 0, 595, 842], 21],
    ]);
    expect(app.pageErrors).toEqual([]);
  });
});
