// The operator print screen in the browser: pick a lot, see the preview (the printed bitmap) with its checks,
// print to a TCP test printer on loopback, and find the job in the print log.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, chooseOption, poll, screenshot, settle, startApp, type AppSession } from '../helpers/browser';
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
    await chooseOption(page, 'print-template', 'Tem của tôi');
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

  it('shows the label at true size on this screen (calibrated with a bank card) and to the dot, in the print page and the designer', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    const label = await app.api<{ widthMm: number; heightMm: number; widthDots: number }>('labels.preview', {
      lotId,
      template: 'default:food-50x30',
      dpi: 203,
    });
    const pxPerMm = 96 / 25.4;
    // A screenshot waits for toasts and the zoom buttons' sliding highlight to end.
    const shot = async (name: string) => {
      await settle(page);
      await poll(() => page.locator('.ant-segmented-thumb, .ant-modal-wrap .ant-zoom-appear').count()).toBe(0);
      await screenshot(page, name);
    };
    const widthOf = async (testId: string) => (await page.getByTestId(testId).boundingBox())!.width;

    await page.goto(`${app.url}#/labels/print?productId=${productId}&lotId=${lotId}`);
    const img = page.getByTestId('label-preview');
    await poll(async () => (await img.getAttribute('src')) ?? '').toMatch(/^data:image\/png;base64,/);
    await page.getByTestId('preview-zoom-1').click();
    // Never calibrated: CSS millimetres as they are (96 px per inch).
    await poll(() => widthOf('label-preview')).toBeCloseTo(label.widthMm * pxPerMm, 0);
    expect(Math.abs((await widthOf('label-preview')) - label.widthMm * pxPerMm)).toBeLessThanOrEqual(1);
    expect(await img.evaluate((e) => getComputedStyle(e).imageRendering)).toBe('pixelated');
    await shot('labels-print-true-size');

    // To the dot: one printer dot is a square of at least 4 screen pixels, with the dot grid over it.
    await page.getByTestId('preview-zoom-dot').click();
    await poll(async () => (await widthOf('label-preview')) / label.widthDots).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('preview-grid').count()).toBe(1);
    await shot('labels-print-dot');

    // Calibration: the bank-card box grows 0.5% a key press; 20 presses make this screen's millimetre 1.1 CSS mm.
    await page.getByTestId('preview-calibrate').click();
    const card = page.getByTestId('calibrate-card');
    await card.waitFor();
    // (polled: the dialog opens with a zoom animation)
    await poll(async () => Math.abs((await widthOf('calibrate-card')) - 85.6 * pxPerMm)).toBeLessThanOrEqual(1);
    await page.locator('.ant-modal .ant-slider-handle').focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    await poll(() => page.getByTestId('calibrate-value').textContent()).toBe('Hệ số: 110%');
    expect(Math.abs((await widthOf('calibrate-card')) - 85.6 * pxPerMm * 1.1)).toBeLessThanOrEqual(1);
    await shot('labels-calibrate');
    await page.getByTestId('calibrate-save').click();
    await page.getByTestId('preview-zoom-1').click();
    await poll(async () =>
      Math.abs((await widthOf('label-preview')) - label.widthMm * pxPerMm * 1.1),
    ).toBeLessThanOrEqual(1);

    // The factor belongs to this PC's screen: the designer's true-size preview uses it too.
    await page.goto(`${app.url}#/labels/designer`);
    await page.getByTestId('designer-el-dm').waitFor();
    await page.getByTestId('designer-mode-preview').click();
    await poll(async () => (await page.getByTestId('designer-preview').getAttribute('src')) ?? '').toMatch(/^data:/);
    await poll(async () =>
      Math.abs((await widthOf('designer-preview')) - label.widthMm * pxPerMm * 1.1),
    ).toBeLessThanOrEqual(1);
    await shot('labels-designer-true-size');

    // The same in English (for the docs), then back to Vietnamese.
    await app.api('settings.update', { language: 'en' });
    await page.goto(`${app.url}#/labels/print?productId=${productId}&lotId=${lotId}`);
    await page.reload();
    await page.getByTestId('preview-zoom-dot').click();
    await poll(() => page.getByTestId('preview-dot-size').textContent()).toBe('One printer dot = 6 screen pixels');
    await shot('labels-print-dot-en');
    await app.api('settings.update', { language: 'vi' });
    // The next test reads Vietnamese words: the page takes the language at load.
    await page.reload();
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
    await chooseOption(page, 'print-template', 'Tem tờ A4 (3×7');
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
