// The page the desktop shell prints through an OS printer driver (main/hosts/shell-bridge.ts): in Chromium, the
// engine Electron prints with, every label must come out as one page of exactly the label's size, with the
// bitmap filling it. Printed here to PDF (the same layout pass as a print job) and measured.
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chunkPages, driverPrintPage } from '../../main/hosts/shell-bridge';
import { bitmapToPng, newBitmap } from '../../main/labels/render';
import { mmToDots } from '../../shared/labels/model';
import { CHROMIUM, CHROMIUM_ARGS, describeBrowser } from '../helpers/browser';

const PT_PER_MM = 72 / 25.4;

/** A 1-bit label with a frame and a numbered bar, so every page differs. */
function labelPng(widthMm: number, heightMm: number, dpi: number, n: number): Buffer {
  const b = newBitmap(mmToDots(widthMm, dpi), mmToDots(heightMm, dpi));
  const set = (x: number, y: number) => (b.bits[y * b.bytesPerRow + (x >> 3)] |= 0x80 >> (x & 7));
  for (let x = 0; x < b.width; x++) for (const y of [0, 1, b.height - 2, b.height - 1]) set(x, y);
  for (let y = 0; y < b.height; y++) for (const x of [0, 1, b.width - 2, b.width - 1]) set(x, y);
  for (let y = 10; y < 20; y++) for (let x = 10; x < 10 + n * 8; x++) set(x, y);
  return bitmapToPng(b);
}

describeBrowser('driver print page in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => browser?.close());

  for (const [w, h, dpi] of [
    [50, 30, 203],
    [100, 150, 300],
  ] as const) {
    it(`${w}×${h} mm at ${dpi} dpi: one label per page, each page exactly the label`, async () => {
      const page = await browser.newPage();
      await page.setContent(driverPrintPage(w, h));
      const pngs = [1, 2, 3].map((n) => labelPng(w, h, dpi, n));
      let count = 0;
      // Pages arrive in groups as the shell sends them (a tiny limit forces one page per group here).
      for (const chunk of chunkPages(pngs, 10))
        count = await page.evaluate(
          (list) => (window as unknown as { addPages(l: string[]): Promise<number> }).addPages(list),
          chunk,
        );
      expect(count).toBe(3);
      // Each image fills the page in CSS size (96 px per inch) and was decoded at its own dot size.
      const sizes = await page.evaluate(() =>
        [...document.images].map((i) => [
          i.getBoundingClientRect().width,
          i.getBoundingClientRect().height,
          i.naturalWidth,
          i.naturalHeight,
        ]),
      );
      for (const [cw, ch, nw, nh] of sizes) {
        expect(cw).toBeCloseTo((w / 25.4) * 96, 1);
        expect(ch).toBeCloseTo((h / 25.4) * 96, 1);
        expect([nw, nh]).toEqual([mmToDots(w, dpi), mmToDots(h, dpi)]);
      }
      const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
      const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ]);
      expect(boxes).toHaveLength(3);
      for (const [bw, bh] of boxes) {
        expect(Math.abs(bw - w * PT_PER_MM)).toBeLessThan(1);
        expect(Math.abs(bh - h * PT_PER_MM)).toBeLessThan(1);
      }
      await page.close();
    });
  }
});

it('groups pages for the shell below the size limit, never splitting a page', () => {
  const pages = [Buffer.alloc(30), Buffer.alloc(30), Buffer.alloc(30)];
  const chunks = chunkPages(pages, 90);
  expect(chunks.map((c) => c.length)).toEqual([2, 1]);
  expect(chunkPages([Buffer.alloc(300)], 10)).toHaveLength(1);
});
