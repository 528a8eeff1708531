// The one rendering pipeline: template + label data → 1-bit bitmap at the printer's exact resolution. The preview
// PNG, the printer languages and the A4 PDF are all made from this bitmap, so what the user sees is what prints.
// Text is drawn with the bundled DejaVu Sans (printer fonts have no Vietnamese diacritics); barcodes are painted
// from bwip-js's module matrix at a whole number of dots per module (never a resampled image), sized by GS1's
// symbol specification tables (shared/labels/symbol-specs.ts).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Canvas, Image, SKRSContext2D } from '@napi-rs/canvas';
import { loadBwip, loadCanvas } from '../heavy-libs';
import {
  barcodeContent,
  onDocumentText,
  resolveText,
  type LabelData,
  type PrintContext,
} from '../../shared/labels/fields';
import {
  layoutProblems,
  mmToDots,
  ptToDots,
  type BarcodeElement,
  type LabelTemplate,
  type TemplatePurpose,
  type TextElement,
} from '../../shared/labels/model';
import { dotMm, minBarDots, moduleDots, symbolSpec, type SymbolSpec } from '../../shared/labels/symbol-specs';
import { resourcesDir } from '../paths';

/** 1 bit per dot, rows top to bottom, most significant bit = leftmost dot, 1 = printed (black). */
export type Bitmap = { width: number; height: number; bytesPerRow: number; bits: Uint8Array };

export type RenderProblem = { code: string; params: Record<string, string | number>; severity: 'error' | 'warning' };
export type RenderResult = { bitmap: Bitmap; problems: RenderProblem[]; symbols: SymbolPlacement[] };

export const FONT = 'NguonGoc DejaVu Sans';
let fontsLoaded = false;

export function fontDir(): string {
  return path.join(resourcesDir(), 'fonts');
}

/** Registers the bundled fonts once (regular + bold under one family). */
export function ensureFonts(): void {
  if (fontsLoaded) return;
  for (const f of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    const file = path.join(fontDir(), f);
    if (!fs.existsSync(file)) throw new Error(`font missing: ${file}`);
    loadCanvas().GlobalFonts.registerFromPath(file, FONT);
  }
  fontsLoaded = true;
}

export function newBitmap(width: number, height: number): Bitmap {
  const bytesPerRow = Math.ceil(width / 8);
  return { width, height, bytesPerRow, bits: new Uint8Array(bytesPerRow * height) };
}

export function getDot(b: Bitmap, x: number, y: number): number {
  return (b.bits[y * b.bytesPerRow + (x >> 3)] >> (7 - (x & 7))) & 1;
}

// DejaVu's ascender and line gap in em: stacked Vietnamese marks (ệ, ờ, ỷ) stay inside the line.
const ASCENT = 0.93;
const LINE = 1.17;

// measureText costs ~0.3 ms a call; labels repeat the same words at the same sizes, so widths are cached.
const widths = new Map<string, number>();
function measure(ctx: SKRSContext2D, s: string): number {
  const key = `${ctx.font}|${s}`;
  let w = widths.get(key);
  if (w === undefined) {
    w = ctx.measureText(s).width;
    if (widths.size > 50_000) widths.clear();
    widths.set(key, w);
  }
  return w;
}

/** The lines of a text in a box `width` dots wide; `broken`: a word longer than the box was cut into pieces. */
function wrapLines(
  ctx: SKRSContext2D,
  text: string,
  width: number,
  wrap: boolean,
): { lines: string[]; broken: boolean } {
  if (!wrap) return { lines: [text.replace(/\n/g, ' ')], broken: false };
  const out: string[] = [];
  let broken = false;
  for (const para of text.split('\n')) {
    const words = para.split(/ +/);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(ctx, candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      // A word longer than the box is broken by characters.
      let w = word;
      while (measure(ctx, w) > width && w.length > 1) {
        let n = w.length - 1;
        while (n > 1 && measure(ctx, w.slice(0, n)) > width) n--;
        out.push(w.slice(0, n));
        w = w.slice(n);
        broken = true;
      }
      line = w;
    }
    out.push(line);
  }
  return { lines: out, broken };
}

/** Where a text element's lines break and its size in dots per em, as the label draws it. */
export type TextLayout = { px: number; lines: string[] };

/**
 * The largest size (steps of 0.25 pt, down to the element's minimum) at which every line fits the width and all
 * lines fit the height. A word (a lot code, a GTIN) is broken inside only when even the minimum size cannot hold
 * it whole: a smaller size comes first. Pushes LABEL_TEXT_DOES_NOT_FIT when the minimum size is still too tall.
 */
function layoutText(ctx: SKRSContext2D, e: TextElement, text: string, dpi: number, problems: RenderProblem[]) {
  const [w, h] = [mmToDots(e.w, dpi), mmToDots(e.h, dpi)];
  const min = Math.min(e.minFontSize ?? e.fontSize, e.fontSize);
  for (let size = e.fontSize; ; size -= 0.25) {
    const px = ptToDots(size, dpi);
    ctx.font = `${e.bold ? 'bold ' : ''}${px}px "${FONT}"`;
    const { lines, broken } = wrapLines(ctx, text, w, e.wrap !== false);
    const inBox = lines.length * px * LINE <= h + 0.5 && lines.every((l) => measure(ctx, l) <= w + 0.5);
    if (inBox && !broken) return { px, lines };
    if (size - 0.25 < min - 1e-9) {
      // The box height the text needs at its minimum size (whole lines; half millimetres, rounded up).
      const needMm = Math.ceil(((lines.length * px * LINE) / dpi) * 25.4 * 2) / 2;
      if (!inBox)
        problems.push({ code: 'LABEL_TEXT_DOES_NOT_FIT', params: { element: e.id, min, needMm }, severity: 'warning' });
      return { px, lines };
    }
  }
}

/** The layout of one text element with its resolved text at `dpi` (what drawText draws). */
export function textLayout(e: TextElement, text: string, dpi: number): TextLayout {
  ensureFonts();
  measureCanvas ??= loadCanvas().createCanvas(1, 1);
  return layoutText(measureCanvas.getContext('2d'), e, text, dpi, []);
}
let measureCanvas: Canvas | undefined;

function drawText(ctx: SKRSContext2D, e: TextElement, text: string, dpi: number, problems: RenderProblem[]): void {
  const x = mmToDots(e.x, dpi);
  const y = mmToDots(e.y, dpi);
  const w = mmToDots(e.w, dpi);
  const h = mmToDots(e.h, dpi);
  if (e.invert) ctx.fillRect(x, y, w, h);
  if (!text) return;
  const { px, lines } = layoutText(ctx, e, text, dpi, problems);
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.fillStyle = e.invert ? '#fff' : '#000';
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = e.align ?? 'left';
  const ax = e.align === 'center' ? x + w / 2 : e.align === 'right' ? x + w : x;
  lines.forEach((l, i) => drawLine(ctx, l, ax, y + px * ASCENT + i * px * LINE, px, dpi));
  ctx.restore();
}

/** Below this resolution the grave of ề is drawn apart from its circumflex (see drawLine). */
export const STACK_APART_DPI = 300;

// ề and Ề: e, circumflex, grave. Measured with Tesseract (test/unit/labels-ocr.test.ts) on ầ ằ ề ể ồ ổ ẩ ấ: only
// ề gains from the moved grave ("về" is read again); moving the marks of ồ ổ ầ ấ loses "Đồng", "Trấn", "phần".
const STACKED = /^[eE]\u0302\u0300/;

/** A stacked letter's base with its circumflex alone (ề → ê), or null for any other character. */
function stackBase(ch: string): string | null {
  const d = ch.normalize('NFD');
  return STACKED.test(d) ? (d[0] + d[1]).normalize('NFC') : null;
}

/**
 * One line of text. At 203 dpi DejaVu's grave over a circumflex (ề) is 2–3 dots touching the circumflex's right
 * arm, so the 1-bit label shows one blot and "điều" reads "điểu". There the line is drawn with the base letter
 * (ê), and the grave (ề minus ê, in DejaVu's own shape) one whole dot to the right, clear of the circumflex.
 */
function drawLine(ctx: SKRSContext2D, line: string, ax: number, baseline: number, px: number, dpi: number): void {
  const chars = Array.from(line);
  const bases = dpi < STACK_APART_DPI ? chars.map(stackBase) : [];
  if (!bases.some(Boolean)) {
    ctx.fillText(line, ax, baseline);
    return;
  }
  const width = measure(ctx, line);
  const align = ctx.textAlign;
  const left = align === 'center' ? ax - width / 2 : align === 'right' ? ax - width : ax;
  ctx.textAlign = 'left';
  ctx.fillText(chars.map((c, i) => bases[i] ?? c).join(''), left, baseline);
  let prefix = '';
  chars.forEach((c, i) => {
    const base = bases[i];
    if (base) drawToneApart(ctx, c, base, left + measure(ctx, prefix), baseline, px);
    prefix += c;
  });
  ctx.textAlign = align;
}

const TONE_SHIFT_DOTS = 1;

/** The tone mark of `ch` (what `ch` prints beyond `base`), drawn TONE_SHIFT_DOTS right of where the font puts it. */
function drawToneApart(ctx: SKRSContext2D, ch: string, base: string, x: number, baseline: number, px: number): void {
  const pad = 2;
  const top = Math.ceil(px * 1.2);
  const off = toneCanvas(Math.ceil(px * 1.5) + 2 * pad, top + pad);
  const o = off.getContext('2d');
  o.clearRect(0, 0, off.width, off.height);
  o.font = ctx.font;
  o.textBaseline = 'alphabetic';
  o.textAlign = 'left';
  o.fillStyle = ctx.fillStyle;
  // The same fractional position as on the label, so the glyph is rasterised exactly as fillText would.
  const [ox, oy] = [pad + x - Math.floor(x), top + baseline - Math.floor(baseline)];
  o.globalCompositeOperation = 'source-over';
  o.fillText(ch, ox, oy);
  o.globalCompositeOperation = 'destination-out';
  o.fillText(base, ox, oy);
  o.globalCompositeOperation = 'source-over';
  // DejaVu's ề sets its circumflex lower and further left than ê's; what is left of it below the top of ê's
  // circumflex is not the grave.
  o.clearRect(0, Math.floor(oy) - o.measureText(base).actualBoundingBoxAscent + 2, off.width, off.height);
  ctx.drawImage(off, Math.floor(x) - pad + TONE_SHIFT_DOTS, Math.floor(baseline) - top);
}

let toneCanvasCache: Canvas | null = null;
function toneCanvas(width: number, height: number): Canvas {
  const c = toneCanvasCache;
  if (c && c.width >= width && c.height >= height) return c;
  toneCanvasCache = loadCanvas().createCanvas(width, height);
  return toneCanvasCache;
}

type Matrix = { cols: number; rows: number; dark: (c: number, r: number) => boolean; linear: boolean };

const BCID: Record<BarcodeElement['symbology'], string> = {
  ean13: 'ean13',
  'gs1-128': 'gs1-128',
  'gs1-datamatrix': 'gs1datamatrix',
  'qr-digital-link': 'qrcode',
  qr: 'qrcode',
  code128: 'code128',
};

/** bwip-js's module matrix for one symbol: pixs for 2D codes, the bar/space widths (sbs) for linear ones. */
const matrices = new Map<string, Matrix>();
export function barcodeMatrix(symbology: BarcodeElement['symbology'], content: { data: string; hri: string }): Matrix {
  // bwip-js takes ~10 ms for a DataMatrix; copies and reprints of a lot encode the same data.
  const key = `${symbology}|${content.hri}|${content.data}`;
  let m = matrices.get(key);
  if (!m) {
    m = makeMatrix(symbology, content);
    if (matrices.size > 500) matrices.clear();
    matrices.set(key, m);
  }
  return m;
}

function makeMatrix(symbology: BarcodeElement['symbology'], content: { data: string; hri: string }): Matrix {
  const gs1 = symbology === 'gs1-128' || symbology === 'gs1-datamatrix';
  // GS1 symbologies take the bracketed element string; bwip-js adds FNC1 where the data needs it.
  const text = gs1 ? content.hri : content.data;
  const opts: Record<string, unknown> = { bcid: BCID[symbology], text };
  if (symbology === 'qr' || symbology === 'qr-digital-link') opts.eclevel = 'M';
  if (symbology === 'qr' && /[^\x00-\x7f]/.test(text)) opts.text = Buffer.from(text, 'utf8').toString('latin1');
  const raw = (
    loadBwip() as unknown as {
      raw: (o: Record<string, unknown>) => { pixs?: number[]; pixx?: number; pixy?: number; sbs?: number[] }[];
    }
  ).raw(opts)[0];
  if (raw.pixs && raw.pixx && raw.pixy) {
    const { pixs, pixx, pixy } = raw;
    return { cols: pixx, rows: pixy, dark: (c, r) => pixs[r * pixx + c] === 1, linear: false };
  }
  const sbs = raw.sbs ?? [];
  const bars: boolean[] = [];
  sbs.forEach((n, i) => {
    for (let k = 0; k < Math.round(n); k++) bars.push(i % 2 === 0);
  });
  return { cols: bars.length, rows: 1, dark: (c) => bars[c], linear: true };
}

type Box = { x: number; y: number; w: number; h: number };

/** Where a barcode element's symbol went, in dots (tests measure the bitmap against these). */
export type SymbolPlacement = { element: string; dots: number; spec: SymbolSpec; bars: Box };

function drawBarcode(
  ctx: SKRSContext2D,
  e: BarcodeElement,
  purpose: TemplatePurpose,
  d: LabelData,
  pc: PrintContext,
  dpi: number,
  problems: RenderProblem[],
): SymbolPlacement | null {
  const content = barcodeContent(e, d, pc);
  if (!content.ok) {
    for (const err of content.errors) problems.push({ ...err, severity: 'error' });
    return null;
  }
  let m: Matrix;
  try {
    m = barcodeMatrix(e.symbology, content);
  } catch (err) {
    problems.push({
      code: 'LABEL_BARCODE_INVALID',
      params: { element: e.id, detail: err instanceof Error ? err.message.slice(0, 200) : String(err) },
      severity: 'error',
    });
    return null;
  }
  const spec = symbolSpec(e.symbology, purpose, e.ais);
  const dots = moduleDots(spec, dpi, e.moduleMm);
  if (dots === null) {
    problems.push({ code: 'LABEL_BARCODE_NO_DOT_SIZE', params: { element: e.id, dpi }, severity: 'error' });
    return null;
  }
  const box = { x: mmToDots(e.x, dpi), y: mmToDots(e.y, dpi), w: mmToDots(e.w, dpi), h: mmToDots(e.h, dpi) };
  const size = m.linear ? linearSize(e, m, spec, dpi, dots, box.h) : squareSize(m, spec, dots);
  if (size.w > box.w || size.h > box.h) {
    const mm = (v: number) => String(Math.ceil((v * 254) / dpi) / 10).replace('.', ',');
    problems.push({
      code: 'LABEL_BARCODE_TOO_SMALL_BOX',
      params: {
        element: e.id,
        needW: mm(Math.max(size.w, box.w)),
        needH: mm(Math.max(size.h, box.h)),
        x: String(Math.round(dots * dotMm(dpi) * 1000) / 1000).replace('.', ','),
        dots,
        dpi,
      },
      severity: 'error',
    });
    return null;
  }
  ctx.fillStyle = '#000';
  const bars = m.linear
    ? paintLinear(ctx, e, m, content.hri, spec, dots, box, size)
    : paintSquare(ctx, m, spec, dots, box);
  return { element: e.id, dots, spec, bars };
}

type Size = { w: number; h: number; barH: number; hriH: number };

// EAN-13 digits sit under the bars in a band 9.33X deep (25.93 mm symbol − 22.85 mm bars at 100 %), the guard
// bars reaching 5X into it; other linear codes get a line of text of at least 6 pt.
const EAN_HRI_X = 9.33;
const EAN_GUARD_X = 5;

function linearSize(e: BarcodeElement, m: Matrix, spec: SymbolSpec, dpi: number, dots: number, boxH: number): Size {
  const w = (spec.quiet.left + m.cols + spec.quiet.right) * dots;
  const minBar = minBarDots(spec, dpi, dots);
  const showHri = e.hri !== false;
  if (e.symbology === 'ean13') {
    const hriH = showHri ? Math.round(EAN_HRI_X * dots) : Math.round(EAN_GUARD_X * dots);
    // Full height for its X: neither cut short nor stretched.
    return { w, h: minBar + hriH, barH: minBar, hriH };
  }
  const hriH = showHri ? Math.ceil(ptToDots(7, dpi) * 1.3) : 0;
  const barH = Math.max(minBar, boxH - hriH);
  return { w, h: barH + hriH, barH, hriH };
}

function squareSize(m: Matrix, spec: SymbolSpec, dots: number): Size {
  const w = (spec.quiet.left + m.cols + spec.quiet.right) * dots;
  const h = (spec.quiet.top + m.rows + spec.quiet.bottom) * dots;
  return { w, h, barH: m.rows * dots, hriH: 0 };
}

function paintLinear(
  ctx: SKRSContext2D,
  e: BarcodeElement,
  m: Matrix,
  hri: string,
  spec: SymbolSpec,
  dots: number,
  box: Box,
  size: Size,
): Box {
  const x0 = box.x + Math.floor((box.w - size.w) / 2) + spec.quiet.left * dots;
  const y = box.y;
  const ean = e.symbology === 'ean13';
  for (let c = 0; c < m.cols;) {
    if (!m.dark(c, 0)) {
      c++;
      continue;
    }
    let run = 1;
    while (c + run < m.cols && m.dark(c + run, 0)) run++;
    const guard = ean && EAN_GUARDS.some(([a, b]) => c >= a && c < b);
    ctx.fillRect(x0 + c * dots, y, run * dots, size.barH + (guard ? EAN_GUARD_X * dots : 0));
    c += run;
  }
  if (e.hri !== false) {
    ctx.textBaseline = 'alphabetic';
    if (ean) paintEanDigits(ctx, hri, x0, y + size.barH, dots);
    else {
      const px = size.hriH / 1.3;
      ctx.font = `${px}px "${FONT}"`;
      ctx.textAlign = 'center';
      ctx.fillText(hri, x0 + (m.cols * dots) / 2, y + size.barH + px * 1.1, box.w);
    }
  }
  return { x: x0, y, w: m.cols * dots, h: size.barH };
}

// Module ranges of the EAN-13 guard patterns (start, centre, end), which extend below the other bars.
const EAN_GUARDS: [number, number][] = [
  [0, 3],
  [45, 50],
  [92, 95],
];

/** The standard EAN-13 layout: the first digit left of the start guard, then 6 + 6 digits under each half. */
function paintEanDigits(ctx: SKRSContext2D, digits: string, x0: number, barBottom: number, dots: number): void {
  const px = 8 * dots;
  ctx.font = `${px}px "${FONT}"`;
  const baseline = barBottom + Math.round(EAN_HRI_X * dots) - dots;
  // Each digit is centred on its own 7-module character.
  const at = (module: number, ch: string) => ctx.fillText(ch, x0 + (module + 3.5) * dots, baseline);
  ctx.textAlign = 'right';
  ctx.fillText(digits[0], x0 - 2 * dots, baseline);
  ctx.textAlign = 'center';
  for (let i = 0; i < 6; i++) at(3 + 7 * i, digits[1 + i]);
  for (let i = 0; i < 6; i++) at(50 + 7 * i, digits[7 + i]);
}

function paintSquare(ctx: SKRSContext2D, m: Matrix, spec: SymbolSpec, dots: number, box: Box): Box {
  const x0 = box.x + spec.quiet.left * dots;
  const y0 = box.y + spec.quiet.top * dots;
  for (let r = 0; r < m.rows; r++) {
    for (let c = 0; c < m.cols;) {
      if (!m.dark(c, r)) {
        c++;
        continue;
      }
      let run = 1;
      while (c + run < m.cols && m.dark(c + run, r)) run++;
      ctx.fillRect(x0 + c * dots, y0 + r * dots, run * dots, dots);
      c += run;
    }
  }
  return { x: x0, y: y0, w: m.cols * dots, h: m.rows * dots };
}

const imageCache = new Map<string, Image>();
function loadImageSync(src: string): Image | null {
  let img = imageCache.get(src);
  if (img) return img;
  const m = /^data:image\/(png|jpe?g|webp);base64,(.+)$/.exec(src);
  if (!m) return null;
  img = new (loadCanvas().Image)();
  img.src = Buffer.from(m[2], 'base64');
  if (!img.width) return null;
  if (imageCache.size > 50) imageCache.clear();
  imageCache.set(src, img);
  return img;
}

/** Renders one label. Problems: layout and data errors (nothing should print) and warnings (shrunk text…). */
export function renderLabel(t: LabelTemplate, d: LabelData, printContext: PrintContext, dpi: number): RenderResult {
  ensureFonts();
  const pc = { ...printContext, onDocument: onDocumentText(t, d, printContext) };
  const problems: RenderProblem[] = layoutProblems(t).map((p) => ({ ...p, severity: 'error' as const }));
  const symbols: SymbolPlacement[] = [];
  const width = mmToDots(t.widthMm, dpi);
  const height = mmToDots(t.heightMm, dpi);
  const canvas = canvasFor(width, height);
  const ctx = canvas.getContext('2d');
  ctx.save();
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  for (const e of t.elements) {
    ctx.fillStyle = '#000';
    switch (e.type) {
      case 'text':
        drawText(ctx, e, resolveText(e.content, d, pc), dpi, problems);
        break;
      case 'barcode':
        {
          const placed = drawBarcode(ctx, e, t.purpose, d, pc, dpi, problems);
          if (placed) symbols.push(placed);
        }
        break;
      case 'line': {
        const t2 = Math.max(1, mmToDots(e.thickness, dpi));
        const x1 = mmToDots(Math.min(e.x, e.x2), dpi);
        const y1 = mmToDots(Math.min(e.y, e.y2), dpi);
        const x2 = mmToDots(Math.max(e.x, e.x2), dpi);
        const y2 = mmToDots(Math.max(e.y, e.y2), dpi);
        if (y1 === y2) ctx.fillRect(x1, y1 - Math.floor(t2 / 2), Math.max(1, x2 - x1), t2);
        else if (x1 === x2) ctx.fillRect(x1 - Math.floor(t2 / 2), y1, t2, Math.max(1, y2 - y1));
        else {
          ctx.lineWidth = t2;
          ctx.beginPath();
          ctx.moveTo(mmToDots(e.x, dpi), mmToDots(e.y, dpi));
          ctx.lineTo(mmToDots(e.x2, dpi), mmToDots(e.y2, dpi));
          ctx.stroke();
        }
        break;
      }
      case 'box': {
        const x = mmToDots(e.x, dpi);
        const y = mmToDots(e.y, dpi);
        const w = mmToDots(e.w, dpi);
        const h = mmToDots(e.h, dpi);
        if (e.fill) ctx.fillRect(x, y, w, h);
        else {
          const t2 = Math.max(1, mmToDots(e.thickness, dpi));
          ctx.fillRect(x, y, w, t2);
          ctx.fillRect(x, y + h - t2, w, t2);
          ctx.fillRect(x, y, t2, h);
          ctx.fillRect(x + w - t2, y, t2, h);
        }
        break;
      }
      case 'image': {
        const src =
          e.src === 'business-logo'
            ? String((d.business as Record<string, unknown> | null | undefined)?.logo ?? '')
            : e.src;
        const img = src ? loadImageSync(src) : null;
        if (!img) {
          problems.push({ code: 'LABEL_IMAGE_UNREADABLE', params: { element: e.id }, severity: 'warning' });
          break;
        }
        const w = mmToDots(e.w, dpi);
        const h = mmToDots(e.h, dpi);
        const s = Math.min(w / img.width, h / img.height);
        ctx.drawImage(
          img,
          mmToDots(e.x, dpi),
          mmToDots(e.y, dpi),
          Math.round(img.width * s),
          Math.round(img.height * s),
        );
        break;
      }
    }
  }
  ctx.restore();
  // canvas.data() is the raw pixel buffer (about 6× faster than getImageData); opaque, so no alpha to undo.
  return { bitmap: threshold(canvas.data(), width, height), problems, symbols };
}

// One canvas per size, reused: a new native canvas per label costs time and native memory while streaming.
const canvases = new Map<string, Canvas>();
function canvasFor(width: number, height: number): Canvas {
  const key = `${width}x${height}`;
  let c = canvases.get(key);
  if (!c) {
    if (canvases.size > 8) canvases.clear();
    c = loadCanvas().createCanvas(width, height);
    canvases.set(key, c);
  }
  return c;
}

/**
 * Grey → 1 bit: a dot prints when its luminance is under 200 of 255, so the thin, anti-aliased strokes of small
 * Vietnamese marks (horns, hooks, dots below) become whole dots instead of vanishing. Measured with Tesseract's
 * Vietnamese model (scripts/measure-text.mjs): DejaVu Sans 6 pt at 203 dpi reads 93 % of words with diacritics
 * at this threshold against 85 % at 160.
 */
export const LUMA_PRINTED = 200;

export function threshold(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Bitmap {
  const b = newBitmap(width, height);
  for (let y = 0; y < height; y++) {
    const row = y * b.bytesPerRow;
    let i = y * width * 4;
    for (let x = 0; x < width; x++, i += 4) {
      // Integer luminance (0.30 R + 0.59 G + 0.11 B) × 256; the same for RGBA and BGRA on the greys we draw.
      if (rgba[i] * 77 + rgba[i + 1] * 150 + rgba[i + 2] * 29 < LUMA_PRINTED * 256)
        b.bits[row + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return b;
}

/**
 * The bitmap as a 1-bit greyscale PNG (the preview is exactly the dots that print). Written directly (PNG is a
 * few chunks around zlib data): 1 bit per dot is the PNG's own format, so nothing is resampled or re-thresholded.
 */
export function bitmapToPng(b: Bitmap): Buffer {
  const raw = Buffer.alloc((b.bytesPerRow + 1) * b.height);
  for (let y = 0; y < b.height; y++) {
    const o = y * (b.bytesPerRow + 1);
    raw[o] = 0; // filter: none
    // PNG greyscale: 1 = white; ours: 1 = printed (black).
    for (let i = 0; i < b.bytesPerRow; i++) raw[o + 1 + i] = ~b.bits[y * b.bytesPerRow + i] & 0xff;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(b.width, 0);
  ihdr.writeUInt32BE(b.height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(raw, { level: 6 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels of a bitmap (for barcode readers and comparisons). */
export function bitmapToRgba(b: Bitmap, pad = 0): { data: Uint8ClampedArray; width: number; height: number } {
  const width = b.width + 2 * pad;
  const height = b.height + 2 * pad;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < b.height; y++) {
    for (let x = 0; x < b.width; x++) {
      if (!getDot(b, x, y)) continue;
      const i = ((y + pad) * width + x + pad) * 4;
      data[i] = data[i + 1] = data[i + 2] = 0;
    }
  }
  return { data, width, height };
}

/** The bitmap moved by (dx, dy) dots on a same-size canvas (printer x/y offset); what leaves the edge is cut. */
export function shiftBitmap(b: Bitmap, dx: number, dy: number): Bitmap {
  if (!dx && !dy) return b;
  const out = newBitmap(b.width, b.height);
  blit(out, b, dx, dy);
  return out;
}

/** Draws `src` into `dst` with its top-left corner at (x, y) dots (A4 sheets, offsets). */
export function blit(dst: Bitmap, src: Bitmap, x: number, y: number): void {
  for (let sy = 0; sy < src.height; sy++) {
    const dy = sy + y;
    if (dy < 0 || dy >= dst.height) continue;
    for (let sx = 0; sx < src.width; sx++) {
      const dx = sx + x;
      if (dx < 0 || dx >= dst.width || !getDot(src, sx, sy)) continue;
      dst.bits[dy * dst.bytesPerRow + (dx >> 3)] |= 0x80 >> (dx & 7);
    }
  }
}
