// Delivery slips end to end: a shipment's slip printed to a loopback TCP receipt printer decodes (the received
// ESC/POS raster back to a bitmap, every code read with zxing) to exactly the lots shipped; scanning those codes
// into a second business's receipts fills product, lot and expiry; the Vietnamese product names read back by
// OCR with their diacritics; node-thermal-printer's own image command gives the same dots as our bands.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { ThermalPrinter, PrinterTypes } from 'node-thermal-printer';
import { whenSettled } from '../../main/printing/queue';
import { bitmapToPng, newBitmap, type Bitmap } from '../../main/labels/render';
import { renderSlip } from '../../main/labels/slip';
import { escposRaster } from '../../main/printing/encoders';
import { decodeEscpos } from '../helpers/decoders/escpos';
import { diffDots } from '../helpers/decoders/bitmap';
import { readCodes } from '../helpers/decoders/barcodes';
import { aBusiness, aLocation, aPartner, aProduct, demoGtin, makeCore, tempDbPath, tempDir } from '../helpers/core';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../main/hosts/cli/program';
import { commandModules } from '../../main/hosts/cli';
import { magnify, ocr, readWords, tesseractVieMissing } from '../helpers/ocr';
import { recordsWorld } from '../unit/lots-fixtures';
import { moduleDots, QR_POS } from '../../shared/labels/symbol-specs';
import type { DecodedBitmap } from '../helpers/decoders/bitmap';
import type { Core } from '../../main/core';

/** A receipt printer on 127.0.0.1: `next()` is the bytes of the next connection, once the sender has closed it. */
async function loopbackPrinter() {
  const jobs: Promise<Buffer>[] = [];
  const server = net.createServer((s) => {
    const parts: Buffer[] = [];
    s.on('data', (d: Buffer) => parts.push(d));
    jobs.push(new Promise((r) => s.on('end', () => r(Buffer.concat(parts)))));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  let taken = 0;
  return {
    port,
    next: () => jobs[taken++],
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function shipWorld(file?: string) {
  const w = recordsWorld({ file });
  const pia = w.core.run(
    'products.create',
    aProduct({ kind: 'finished', name: 'Bánh pía sầu riêng', code: 'PIA', unit: 'hop', gtin: demoGtin(903) }),
  );
  const roasted = w.receive(w.roasted.id, 40, { expiryDate: '2027-05-29' });
  const pies = w.receive(pia.id, 50, { expiryDate: '2027-02-15' });
  const jars = w.receive(w.jar.id, 10, { expiryDate: '2027-05-29' });
  const shipment = w.core.run('shipments.create', {
    customerId: w.customer.id,
    fromLocationId: w.workshop.id,
    documentRef: 'PX-0042',
    lines: [
      { lotId: roasted.id, qty: 12.5 },
      { lotId: pies.id, qty: 20 },
      { lotId: jars.id, qty: 3 },
    ],
  });
  return { ...w, pia, shipment, lots: { roasted, pies, jars } };
}

describe('a delivery slip on a loopback ESC/POS receipt printer', () => {
  let w: ReturnType<typeof shipWorld>;
  let printer: Awaited<ReturnType<typeof loopbackPrinter>>;
  let received: Buffer;
  let slip: Bitmap;

  beforeAll(async () => {
    w = shipWorld();
    printer = await loopbackPrinter();
    const profile = w.core.run('printers.save', {
      name: 'Xprinter quầy',
      uri: `tcp://127.0.0.1:${printer.port}`,
      language: 'escpos',
      dpi: 203,
      kind: 'receipt',
      paperWidthMm: 58,
      cut: 'partial',
      beep: true,
    });
    const job = w.core.run('print.slip', { shipmentId: w.shipment.id, printerId: profile.id });
    await whenSettled(job.id);
    const done = w.core.run('print.job', { id: job.id });
    expect(done).toMatchObject({ status: 'done', shipmentId: w.shipment.id, language: 'escpos' });
    received = await printer.next();
    expect(done.bytes).toBe(received.length);
    const decoded = decodeEscpos(received);
    expect(decoded.labels).toHaveLength(1);
    slip = decoded.labels[0];
    // Beep, feed past the cutter, partial cut, then ready for the next job.
    expect(decoded.commands).toEqual(['init', 'beep 1 3', 'feed-lines 4', 'cut partial', 'init']);
    expect(decoded.maxBandRows).toBeLessThanOrEqual(128);
  });
  afterAll(async () => {
    await printer?.close();
  });

  it('is the full 58 mm head width (384 dots) and dot for dot the preview PNG', async () => {
    expect(slip.width).toBe(384);
    const preview = w.core.run('print.slipPreview', { shipmentId: w.shipment.id, paperWidthMm: 58 });
    expect([preview.widthDots, preview.heightDots]).toEqual([384, slip.height]);
    const img = await loadImage(Buffer.from(preview.png.split(',')[1], 'base64'));
    const c = createCanvas(img.width, img.height);
    c.getContext('2d').drawImage(img, 0, 0);
    const rgba = c.getContext('2d').getImageData(0, 0, img.width, img.height).data;
    const fromPng = newBitmap(img.width, img.height);
    for (let y = 0; y < img.height; y++)
      for (let x = 0; x < img.width; x++)
        if (rgba[(y * img.width + x) * 4] < 128) fromPng.bits[y * fromPng.bytesPerRow + (x >> 3)] |= 0x80 >> (x & 7);
    expect(diffDots(slip, fromPng)).toBe(0);
    expect(preview.lines.map((l) => l.code === null)).toEqual([false, false, true]);
  });

  it('decodes with zxing to exactly the lots shipped, with their GTIN, lot, expiry and quantity', async () => {
    const codes = await readCodes(slip);
    expect(codes.every((c) => c.format === 'DataMatrix' && c.gs1)).toBe(true);
    const { roasted, pies } = w.lots;
    expect(codes.map((c) => c.text).sort()).toEqual(
      [
        `(01)0${w.roasted.gtin}(17)270529(3103)012500(10)${roasted.code}`,
        `(01)0${w.pia.gtin}(17)270215(10)${pies.code}(30)20`,
      ].sort(),
    );
  });

  it('fills the receipt of a second business that scans the slip: product, lot and expiry', async () => {
    const buyer = makeCore();
    buyer.run('business.update', aBusiness({ name: 'Cửa hàng Ngọc Ánh' }));
    const shop = buyer.run('locations.create', aLocation({ name: 'Cửa hàng', kind: 'shop' }));
    const seller = buyer.run('partners.create', aPartner({ kind: 'supplier', name: 'Công ty TNHH Hạt Điều Đồng Nai' }));
    // The buyer's own catalogue: other names and codes, the same GTINs.
    const mine = [
      buyer.run(
        'products.create',
        aProduct({ kind: 'raw', name: 'Điều rang (Đồng Nai)', unit: 'kg', gtin: w.roasted.gtin! }),
      ),
      buyer.run('products.create', aProduct({ kind: 'raw', name: 'Pía sầu riêng', unit: 'hop', gtin: w.pia.gtin! })),
    ];
    const lines = [];
    for (const c of await readCodes(slip)) {
      const s = buyer.run('receipts.parseScan', { scan: c.text });
      lines.push({
        productId: s.productId!,
        qty: s.qty!,
        supplierLotCode: s.supplierLotCode,
        expiryDate: s.expiryDate,
      });
    }
    const receipt = buyer.run('receipts.create', { supplierId: seller.id, locationId: shop.id, lines });
    const got = receipt.lines
      .map((l) => [l.lot.productId, l.lot.supplierLotCode, l.lot.expiryDate, l.qty])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(got).toEqual([
      [mine[0].id, w.lots.roasted.code, '2027-05-29', 12.5],
      [mine[1].id, w.lots.pies.code, '2027-02-15', 20],
    ]);
    buyer.close();
  });

  it('prints again from the print log: the same bytes, still naming the shipment', async () => {
    const first = w.core.run('print.jobs', {}).items[0];
    const again = w.core.run('print.retry', { id: first.id, again: true });
    await whenSettled(again.id);
    expect(w.core.run('print.job', { id: again.id })).toMatchObject({
      status: 'done',
      shipmentId: w.shipment.id,
      reprintOf: first.id,
      sha256: first.sha256,
    });
    expect((await printer.next()).equals(received)).toBe(true);
  });

  it.skipIf(tesseractVieMissing())('reads the product names with their diacritics (Tesseract vie)', () => {
    const text = ocr(magnify(slip, { x: 0, y: 0, w: slip.width, h: slip.height }, 3));
    const names = w.shipment.lines.map((l) => l.productName).join(' ');
    const r = readWords(names, text);
    console.log(`slip OCR: ${r.got.length}/${r.want.length} words with diacritics of the product names`, r.want);
    expect(r.want.length).toBeGreaterThanOrEqual(6);
    expect(r.got).toEqual(r.want);
  });
});

const dark = (b: DecodedBitmap, x: number, y: number) =>
  x >= 0 &&
  y >= 0 &&
  x < b.width &&
  y < b.height &&
  ((b.bits[y * b.bytesPerRow + (x >> 3)] >> (7 - (x & 7))) & 1) === 1;

/**
 * A QR read back from the raster: the dark extent around zxing's corners, the module measured on the top edge
 * of the top-left finder (7 modules dark), and whether `quiet` modules all round hold no ink.
 */
function measureQr(b: DecodedBitmap, corners: { x: number; y: number }[], quiet: number) {
  const xs = corners.map((c) => Math.round(c.x));
  const ys = corners.map((c) => Math.round(c.y));
  const near = { x0: Math.min(...xs) - 3, y0: Math.min(...ys) - 3, x1: Math.max(...xs) + 3, y1: Math.max(...ys) + 3 };
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  for (let y = near.y0; y <= near.y1; y++)
    for (let x = near.x0; x <= near.x1; x++)
      if (dark(b, x, y)) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  let run = 0;
  while (dark(b, x0 + run, y0)) run++;
  const module = run / 7;
  const q = quiet * module;
  let ink = 0;
  for (let y = y0 - q; y <= y1 + q; y++)
    for (let x = x0 - q; x <= x1 + q; x++) if ((x < x0 || x > x1 || y < y0 || y > y1) && dark(b, x, y)) ink++;
  return { module, ink, side: x1 - x0 + 1 };
}

/** The buyer's own catalogue (other names, the same GTINs) receives what the slip's codes say. */
function receiveByScanning(w: ReturnType<typeof shipWorld>, scans: string[]) {
  const buyer: Core = makeCore();
  buyer.run('business.update', aBusiness({ name: 'Cửa hàng Ngọc Ánh' }));
  const shop = buyer.run('locations.create', aLocation({ name: 'Cửa hàng', kind: 'shop' }));
  const seller = buyer.run('partners.create', aPartner({ kind: 'supplier', name: 'Công ty TNHH Hạt Điều Đồng Nai' }));
  const mine = [
    buyer.run(
      'products.create',
      aProduct({ kind: 'raw', name: 'Điều rang (Đồng Nai)', unit: 'kg', gtin: w.roasted.gtin! }),
    ),
    buyer.run('products.create', aProduct({ kind: 'raw', name: 'Pía sầu riêng', unit: 'hop', gtin: w.pia.gtin! })),
  ];
  const lines = scans.map((scan) => {
    const s = buyer.run('receipts.parseScan', { scan });
    return { productId: s.productId!, qty: s.qty!, supplierLotCode: s.supplierLotCode, expiryDate: s.expiryDate };
  });
  const receipt = buyer.run('receipts.create', { supplierId: seller.id, locationId: shop.id, lines });
  const got = receipt.lines
    .map((l) => [l.lot.productId, l.lot.supplierLotCode, l.lot.expiryDate, l.qty])
    .sort((a, b) => Number(a[0]) - Number(b[0]));
  buyer.close();
  return { got, mine };
}

describe.each([
  { paper: 58 as const, head: 384, domain: null, base: 'https://id.gs1.org' },
  { paper: 80 as const, head: 576, domain: 'truyxuat.hatdieudongnai.vn', base: 'https://truyxuat.hatdieudongnai.vn' },
])('a $paper mm slip with QR codes (GS1 Digital Link)', ({ paper, head, domain, base }) => {
  let w: ReturnType<typeof shipWorld>;
  let printer: Awaited<ReturnType<typeof loopbackPrinter>>;
  let received: Buffer;
  let slip: Bitmap;
  let profileId: number;

  beforeAll(async () => {
    w = shipWorld();
    if (domain) w.core.run('business.update', aBusiness({ gs1CompanyPrefix: '9520000', digitalLinkDomain: domain }));
    printer = await loopbackPrinter();
    profileId = w.core.run('printers.save', {
      name: `Máy in hoá đơn ${paper}`,
      uri: `tcp://127.0.0.1:${printer.port}`,
      language: 'escpos',
      dpi: 203,
      kind: 'receipt',
      paperWidthMm: paper,
    }).id;
    const job = w.core.run('print.slip', { shipmentId: w.shipment.id, printerId: profileId, code: 'qr' });
    await whenSettled(job.id);
    expect(w.core.run('print.job', { id: job.id })).toMatchObject({ status: 'done', shipmentId: w.shipment.id });
    received = await printer.next();
    slip = decodeEscpos(received).labels[0];
  });
  afterAll(async () => {
    w?.core.close();
    await printer?.close();
  });

  const expected = () => {
    const { roasted, pies } = w.lots;
    return [
      `${base}/01/0${w.roasted.gtin}/10/${roasted.code}?17=270529&3103=012500`,
      `${base}/01/0${w.pia.gtin}/10/${pies.code}?17=270215&30=20`,
    ];
  };

  it(`is ${head} dots wide, dot for dot the preview, and decodes with zxing to the Digital Link URIs of the lots`, async () => {
    expect(slip.width).toBe(head);
    const preview = w.core.run('print.slipPreview', { shipmentId: w.shipment.id, printerId: profileId, code: 'qr' });
    expect(preview.code).toBe('qr');
    expect(preview.lines.map((l) => l.code)).toEqual([...expected(), null]);
    const again = renderSlip(preview.data, { paper, dpi: 203, lang: 'vi', code: 'qr' });
    expect(diffDots(slip, again.bitmap)).toBe(0);
    const codes = await readCodes(slip);
    expect(codes.map((c) => c.format)).toEqual(['QRCode', 'QRCode']);
    expect(codes.map((c) => c.text).sort()).toEqual(expected().sort());
  });

  it("prints each QR at whole dots per module from GS1's table with a clear 4-module quiet zone", async () => {
    const dots = moduleDots(QR_POS, 203)!;
    expect(dots).toBe(4);
    for (const c of await readCodes(slip)) {
      const m = measureQr(slip, c.corners, QR_POS.quiet.left);
      expect(m.module).toBe(dots);
      expect((m.module * 25.4) / 203).toBeGreaterThanOrEqual(QR_POS.xMinMm);
      expect(m.side % dots).toBe(0);
      expect(m.ink).toBe(0);
    }
  });

  it('fills the receipt of a second business that scans the QR codes: product, lot, expiry and quantity', async () => {
    const { got, mine } = receiveByScanning(
      w,
      (await readCodes(slip)).map((c) => c.text),
    );
    expect(got).toEqual([
      [mine[0].id, w.lots.roasted.code, '2027-05-29', 12.5],
      [mine[1].id, w.lots.pies.code, '2027-02-15', 20],
    ]);
  });

  it('prints the same QR slip again from the print log, even after the trace address changed', async () => {
    const first = w.core.run('print.jobs', {}).items[0];
    w.core.run('business.update', aBusiness({ gs1CompanyPrefix: '9520000', digitalLinkDomain: 'moi.example.vn' }));
    const again = w.core.run('print.retry', { id: first.id, again: true });
    await whenSettled(again.id);
    expect(w.core.run('print.job', { id: again.id })).toMatchObject({ status: 'done', sha256: first.sha256 });
    expect((await printer.next()).equals(received)).toBe(true);
  });
});

describe('the slip code choice at the API', () => {
  it('defaults to DataMatrix and refuses a symbol it does not print', () => {
    const w = shipWorld();
    const p = w.core.run('print.slipPreview', { shipmentId: w.shipment.id, paperWidthMm: 58 });
    expect(p.code).toBe('datamatrix');
    expect(p.lines[0].code).toMatch(/^\(01\)/);
    const bad = w.core.call('print.slipPreview', { shipmentId: w.shipment.id, code: 'ean13' });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: [{ path: 'code', code: 'INVALID_CHOICE' }] },
    });
    w.core.close();
  });
});

describe('node-thermal-printer beside our encoder', () => {
  it('its Epson image command (one GS v 0 block) carries the same dots as our 128-row bands', async () => {
    const w = shipWorld();
    const r = renderSlip(
      {
        business: { name: 'X', taxCode: '1', address: '' },
        number: '1',
        date: '2026-11-29',
        customer: null,
        destination: null,
        lines: w.shipment.lines.map((l) => ({ ...l })),
      },
      { paper: 80, dpi: 203, lang: 'vi' },
    );
    const tp = new ThermalPrinter({ type: PrinterTypes.EPSON } as never);
    await tp.printImageBuffer(bitmapToPng(r.bitmap));
    const theirs = decodeEscpos(tp.getBuffer());
    const ours = decodeEscpos(Buffer.concat(escposRaster(r.bitmap)));
    expect(theirs.bands).toBe(1);
    expect(ours.bands).toBe(Math.ceil(r.bitmap.height / 128));
    expect(diffDots(theirs.labels[0], ours.labels[0])).toBe(0);
    w.core.close();
  });
});

describe('nguongoc print-slip', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s), readStdin: async () => '' },
    };
  };

  it('prints to a receipt printer given by URI, and writes the raw bytes or the PNG with --out', async () => {
    const db = tempDbPath();
    const w = shipWorld(db);
    const slipBitmap = renderSlip(
      w.core.run('print.slipPreview', { shipmentId: w.shipment.id, paperWidthMm: 58 }).data,
      { paper: 58, dpi: 203, lang: 'vi' },
    ).bitmap;
    w.core.close();
    const printer = await loopbackPrinter();
    try {
      const t = io();
      const uri = `tcp://127.0.0.1:${printer.port}`;
      const code = await runCli(
        ['print-slip', 'PX-0042', '--db', db, '--printer', uri, '--paper', '58'],
        t.io,
        commandModules,
      );
      expect(code, t.err.join('\n')).toBe(0);
      expect(t.out.join('\n')).toMatch(/Phiếu giao hàng PX-0042 · tcp:\/\/127\.0\.0\.1:\d+ · \d+ B · đã in/);
      const sent = decodeEscpos(await printer.next());
      expect(diffDots(sent.labels[0], slipBitmap)).toBe(0);
    } finally {
      await printer.close();
    }
    const dir = tempDir();
    for (const format of ['escpos', 'png']) {
      const t = io();
      const out = path.join(dir, `slip.${format}`);
      const code = await runCli(
        ['print-slip', 'PX-0042', '--db', db, '--paper', '58', '--out', out, '--format', format],
        t.io,
        commandModules,
      );
      expect(code, t.err.join('\n')).toBe(0);
      const bytes = fs.readFileSync(out);
      if (format === 'escpos') expect(diffDots(decodeEscpos(bytes).labels[0], slipBitmap)).toBe(0);
      else expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    }
    const bad = io();
    expect(await runCli(['print-slip', 'PX-0042', '--db', db], bad.io, commandModules)).toBe(2);
  });

  it('prints QR codes with --code qr, to a printer and to --out, and says the choices in Vietnamese', async () => {
    const db = tempDbPath();
    const w = shipWorld(db);
    const urls = w.core.run('print.slipPreview', { shipmentId: w.shipment.id, code: 'qr' }).lines.map((l) => l.code);
    w.core.close();
    const printer = await loopbackPrinter();
    try {
      const t = io();
      const args = ['print-slip', 'PX-0042', '--db', db, '--paper', '80', '--code', 'qr'];
      expect(await runCli([...args, '--printer', `tcp://127.0.0.1:${printer.port}`], t.io, commandModules)).toBe(0);
      const codes = await readCodes(decodeEscpos(await printer.next()).labels[0]);
      expect(codes.map((c) => c.format)).toEqual(['QRCode', 'QRCode']);
      expect(codes.map((c) => c.text).sort()).toEqual(urls.filter(Boolean).sort());
      const out = path.join(tempDir(), 'slip.bin');
      expect(await runCli([...args, '--out', out], io().io, commandModules)).toBe(0);
      expect((await readCodes(decodeEscpos(fs.readFileSync(out)).labels[0])).map((c) => c.text).sort()).toEqual(
        urls.filter(Boolean).sort(),
      );
    } finally {
      await printer.close();
    }
    const help = io();
    await runCli(['print-slip', '--help'], help.io, commandModules);
    expect(help.out.join('\n')).toMatch(/--code <code>\s+mã trên từng dòng.*chọn: "datamatrix", "qr"/s);
    const wrong = io();
    expect(
      await runCli(['print-slip', 'PX-0042', '--db', db, '--out', 'x.bin', '--code', 'ean'], wrong.io, commandModules),
    ).toBe(2);
  });
});
