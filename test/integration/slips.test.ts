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
});
