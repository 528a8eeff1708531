// Printer languages, all raster (printer fonts have no Vietnamese): the label bitmap goes out as TSPL BITMAP,
// ZPL ^GFA or ESC/POS GS v 0. Encoders are generators of byte chunks so 1,000 serial labels stream with flat
// memory: one label is rendered, encoded and written before the next.
//
// ESC/POS is written by hand rather than through node-thermal-printer: its printImage() takes a PNG and
// thresholds/rescales it again with its own rules, while we must send exactly the dots of the preview bitmap in
// bands; the command itself (GS v 0) is six header bytes per band.
import type { Bitmap } from '../labels/render';

export const PRINTER_LANGUAGES = ['tspl', 'zpl', 'escpos'] as const;
export type PrinterLanguage = (typeof PRINTER_LANGUAGES)[number];

/** What an encoder needs to know about the printer and its media. */
export type EncodeProfile = {
  dpi: number;
  widthMm: number;
  heightMm: number;
  media: 'gap' | 'black_mark' | 'continuous';
  /** Gap or black-mark height in mm. */
  gapMm: number;
  /** 0–15 (TSPL DENSITY scale; ZPL ~SD takes twice this). */
  darkness: number;
  /** Inches per second. */
  speed: number;
};

const CRLF = '\r\n';
const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** One label or a run of identical labels: the bitmap and how many copies the printer should make of it. */
export type LabelRun = { bitmap: Bitmap; copies: number };

// ---------- TSPL (TSC, Xprinter label mode) ----------
function tsplHeader(p: EncodeProfile): Buffer {
  const media =
    p.media === 'black_mark'
      ? `BLINE ${fmt(p.gapMm)} mm,0 mm`
      : p.media === 'continuous'
        ? 'GAP 0 mm,0 mm'
        : `GAP ${fmt(p.gapMm)} mm,0 mm`;
  return Buffer.from(
    [
      `SIZE ${fmt(p.widthMm)} mm,${fmt(p.heightMm)} mm`,
      media,
      'DIRECTION 1,0',
      'REFERENCE 0,0',
      `DENSITY ${clamp(Math.round(p.darkness), 0, 15)}`,
      `SPEED ${clamp(Math.round(p.speed), 1, 12)}`,
      '',
    ].join(CRLF),
    'latin1',
  );
}

/** TSPL BITMAP: 0 = printed dot, 1 = white (the opposite of ZPL/ESC/POS; DOMAIN §7), so the bits are inverted. */
function tsplLabel(run: LabelRun): Buffer {
  const b = run.bitmap;
  const head = Buffer.from(`CLS${CRLF}BITMAP 0,0,${b.bytesPerRow},${b.height},0,`, 'latin1');
  const data = Buffer.allocUnsafe(b.bits.length);
  for (let i = 0; i < b.bits.length; i++) data[i] = ~b.bits[i] & 0xff;
  // Padding bits past the right edge are white too (the inversion made them 1 = white already).
  return Buffer.concat([head, data, Buffer.from(`${CRLF}PRINT 1,${run.copies}${CRLF}`, 'latin1')]);
}

// ---------- ZPL (Zebra) ----------
function zplLabel(p: EncodeProfile, run: LabelRun): Buffer {
  const b = run.bitmap;
  const hex = Buffer.from(b.bits).toString('hex').toUpperCase();
  const mn = p.media === 'black_mark' ? 'M' : p.media === 'continuous' ? 'N' : 'Y';
  const total = b.bits.length;
  return Buffer.from(
    `~SD${String(clamp(Math.round(p.darkness * 2), 0, 30)).padStart(2, '0')}\n^XA^PW${b.width}^LL${b.height}^LH0,0^MN${mn}^PR${clamp(Math.round(p.speed), 1, 14)}\n` +
      `^FO0,0^GFA,${total},${total},${b.bytesPerRow},${hex}^FS\n^PQ${run.copies},0,1,Y\n^XZ\n`,
    'latin1',
  );
}

// ---------- ESC/POS (receipt-style printers) ----------
/** Rows per GS v 0 band: small enough for the cheapest printers' buffers. */
export const ESCPOS_BAND_ROWS = 128;

/** A bitmap as GS v 0 raster bands (also the raster of receipt slips, main/printing/receipt.ts). */
export function escposRaster(b: Bitmap): Buffer[] {
  const parts: Buffer[] = [];
  for (let y = 0; y < b.height; y += ESCPOS_BAND_ROWS) {
    const rows = Math.min(ESCPOS_BAND_ROWS, b.height - y);
    const head = Buffer.from([
      0x1d,
      0x76,
      0x30,
      0x00,
      b.bytesPerRow & 0xff,
      b.bytesPerRow >> 8,
      rows & 0xff,
      rows >> 8,
    ]);
    parts.push(head, Buffer.from(b.bits.buffer, b.bits.byteOffset + y * b.bytesPerRow, rows * b.bytesPerRow));
  }
  return parts;
}

function escposLabel(p: EncodeProfile, run: LabelRun): Buffer {
  const parts = escposRaster(run.bitmap);
  // Feed across the gap so the next label starts on the next piece of media (ESC J n: feed n dots, n ≤ 255).
  const gapDots = p.media === 'continuous' ? 0 : Math.min(255, Math.round((p.gapMm * p.dpi) / 25.4));
  if (gapDots) parts.push(Buffer.from([0x1b, 0x4a, gapDots]));
  return Buffer.concat(parts);
}

/**
 * The whole job as a stream of chunks: header, then one chunk per run. `runs` may be a lazy generator (serial
 * labels are rendered one at a time).
 */
export function* encodeJob(lang: PrinterLanguage, p: EncodeProfile, runs: Iterable<LabelRun>): Generator<Buffer> {
  if (lang === 'tspl') yield tsplHeader(p);
  if (lang === 'escpos') yield Buffer.from([0x1b, 0x40]); // ESC @: initialise
  for (const run of runs) {
    if (lang === 'tspl') yield tsplLabel(run);
    else if (lang === 'zpl') yield zplLabel(p, run);
    else {
      // ESC/POS has no copy count: the label is sent again for each copy (one chunk each, memory stays flat).
      const one = escposLabel(p, run);
      for (let i = 0; i < run.copies; i++) yield one;
    }
  }
}

/** Convenience for small jobs and tests: the job as one buffer. */
export function encodeToBuffer(lang: PrinterLanguage, p: EncodeProfile, runs: Iterable<LabelRun>): Buffer {
  return Buffer.concat([...encodeJob(lang, p, runs)]);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
