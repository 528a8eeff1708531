// The delivery slip from the shipment page, in Vietnamese: "In phiếu giao hàng" shows the slip at true size and
// prints it to the owner's receipt printer (a loopback TCP printer here), whose bytes decode to the lots shipped.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeBrowser,
  poll,
  screenshot,
  settle,
  SCREENSHOT_DIR,
  startApp,
  type AppSession,
} from '../helpers/browser';
import { demoGtin } from '../helpers/core';
import { decodeEscpos } from '../helpers/decoders/escpos';
import { readCodes } from '../helpers/decoders/barcodes';

type Id = { id: number };

describeBrowser('delivery slip from the shipment page (browser mode)', () => {
  let app: AppSession;
  let server: net.Server;
  let port = 0;
  const received: Promise<Buffer>[] = [];
  let shipmentId = 0;
  let lotCodes: string[] = [];

  beforeAll(async () => {
    server = net.createServer((s) => {
      const parts: Buffer[] = [];
      s.on('data', (d: Buffer) => parts.push(d));
      received.push(new Promise((r) => s.on('end', () => r(Buffer.concat(parts)))));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
    app = await startApp();
    await app.page.setViewportSize({ width: 1366, height: 768 });
    await app.api('business.update', {
      name: 'Cơ sở Chế biến Hạt điều Bình Phước',
      taxCode: '0300588569',
      address: '12 Đường Lê Lợi',
      ward: 'Phường Tân Phú',
      province: 'Đồng Nai',
    });
    const shop = await app.api<Id>('locations.create', { name: 'Xưởng chế biến', kind: 'production' });
    const supplier = await app.api<Id>('partners.create', { kind: 'supplier', name: 'HTX Điều Bù Đăng' });
    const customer = await app.api<Id>('partners.create', {
      kind: 'customer',
      name: 'Cửa hàng Thực phẩm sạch Ngọc Ánh',
      address: '45 Phố Huế, Hai Bà Trưng, Hà Nội',
    });
    const nuts = await app.api<Id>('products.create', {
      kind: 'finished',
      name: 'Hạt điều rang muối',
      code: 'HDRM',
      unit: 'kg',
      gtin: demoGtin(951),
    });
    const pies = await app.api<Id>('products.create', {
      kind: 'finished',
      name: 'Bánh pía sầu riêng',
      code: 'PIA',
      unit: 'hop',
      gtin: demoGtin(952),
    });
    const receipt = await app.api<{ lines: { lot: { id: number; code: string } }[] }>('receipts.create', {
      supplierId: supplier.id,
      locationId: shop.id,
      lines: [
        { productId: nuts.id, qty: 50, expiryDate: '2027-05-29' },
        { productId: pies.id, qty: 40, expiryDate: '2027-02-15' },
      ],
    });
    lotCodes = receipt.lines.map((l) => l.lot.code);
    const s = await app.api<Id>('shipments.create', {
      customerId: customer.id,
      fromLocationId: shop.id,
      documentRef: 'PX-1203-07',
      lines: [
        { lotId: receipt.lines[0].lot.id, qty: 12.5 },
        { lotId: receipt.lines[1].lot.id, qty: 20 },
      ],
    });
    shipmentId = s.id;
    await app.api('printers.save', {
      name: 'Xprinter XP-58 quầy',
      uri: `tcp://127.0.0.1:${port}`,
      language: 'escpos',
      dpi: 203,
      kind: 'receipt',
      paperWidthMm: 58,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await new Promise((r) => server?.close(r));
  });

  it('shows the slip at true size and prints it to the receipt printer', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/shipments/${shipmentId}`);
    await page.getByTestId('slip-button').waitFor();
    await settle(page);
    await screenshot(page, 'shipment-slip-button');
    await page.getByTestId('slip-button').click();
    const img = page.getByTestId('slip-preview');
    await img.waitFor();
    await poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBe(384);
    // 48 mm of dots in a 58 mm paper strip, at CSS millimetres.
    const box = await img.boundingBox();
    expect(Math.round(((box?.width ?? 0) * 25.4) / 96)).toBe(58);
    await screenshot(page, 'shipment-slip-preview');
    const png = await img.getAttribute('src');
    fs.writeFileSync(path.join(SCREENSHOT_DIR, 'slip-58mm-203dpi.png'), Buffer.from(png!.split(',')[1], 'base64'));
    await page.getByTestId('slip-print').click();
    await poll(() => received.length).toBe(1);
    const slip = decodeEscpos(await received[0]).labels[0];
    const codes = (await readCodes(slip)).map((c) => c.text);
    expect(codes.map((c) => /\(10\)([^(]+)/.exec(c)?.[1]).sort()).toEqual([...lotCodes].sort());
    type Jobs = { items: { status: string; shipmentId: number }[] };
    await poll(async () => (await app.api<Jobs>('print.jobs', {})).items[0]).toMatchObject({
      status: 'done',
      shipmentId,
    });
    expect(app.pageErrors).toEqual([]);
  });

  it('prints QR codes (the lots\' GS1 Digital Link) when "QR" is chosen, and this PC remembers the choice', async () => {
    const { page } = app;
    await page.goto(`${app.url}#/shipments/${shipmentId}`);
    await page.getByTestId('slip-button').click();
    const img = page.getByTestId('slip-preview');
    await img.waitFor();
    const before = await img.getAttribute('src');
    await page.getByTestId('slip-code').getByText('QR', { exact: true }).click();
    await poll(() => img.getAttribute('src')).not.toBe(before);
    await page.getByText('Mỗi dòng có một mã QR theo chuẩn GS1').waitFor();
    await settle(page);
    await screenshot(page, 'shipment-slip-qr');
    await page.getByTestId('slip-print').click();
    await poll(() => received.length).toBe(2);
    const slip = decodeEscpos(await received[1]).labels[0];
    const codes = await readCodes(slip);
    expect(codes.map((c) => c.format)).toEqual(['QRCode', 'QRCode']);
    expect(codes.map((c) => /\/10\/([^?]+)/.exec(c.text)?.[1]).sort()).toEqual([...lotCodes].sort());
    expect(codes.every((c) => c.text.startsWith('https://id.gs1.org/01/'))).toBe(true);
    // Opened again (another day, the same PC): QR is still chosen.
    await page.reload();
    await page.getByTestId('slip-button').click();
    await page.getByTestId('slip-preview').waitFor();
    expect(await page.getByTestId('slip-code').locator('.ant-segmented-item-selected').innerText()).toBe('QR');
    expect(app.pageErrors).toEqual([]);
  });
});
