// A delivery slip as one 1-bit bitmap for a receipt printer: full head width (384 dots on 58 mm paper, 576 on
// 80 mm at 203 dpi), as long as its content. Text is DejaVu drawn by us and thresholded like the labels
// (render.ts), because ESC/POS code pages have no Vietnamese; each line's code (GS1 DataMatrix, or a QR with the
// lot's GS1 Digital Link URI) is painted at a whole number of dots per module from GS1's table
// (shared/labels/symbol-specs.ts) with its quiet zone kept white.
import type { SKRSContext2D } from '@napi-rs/canvas';
import { loadCanvas } from '../heavy-libs';
import { formatDateVi } from '../../shared/labels/fields';
import { ptToDots } from '../../shared/labels/model';
import {
  slipLineCode,
  slipWidthDots,
  SLIP_WORDS,
  type SlipCode,
  type SlipData,
  type SlipPaper,
} from '../../shared/labels/slip';
import { DATAMATRIX_POS, moduleDots, QR_POS, type SymbolSpec } from '../../shared/labels/symbol-specs';
import { formatQuantity } from '../../shared/domain/quantity';
import { unitLabel } from '../../shared/domain/units';
import type { Lang } from '../../shared/i18n/messages';
import { barcodeMatrix, ensureFonts, FONT, threshold, type Bitmap } from './render';

export type SlipOptions = { paper: SlipPaper; dpi: number; lang: Lang; code?: SlipCode };

/**
 * Where each line's code went, in dots (its quiet zone included), its module in dots, and what it carries (the
 * element string's HRI, or the Digital Link URI); tests read the bitmap back against these.
 */
export type SlipSymbol = {
  line: number;
  hri: string;
  dots: number;
  box: { x: number; y: number; w: number; h: number };
};
export type SlipRender = { bitmap: Bitmap; symbols: SlipSymbol[]; widthMm: number; heightMm: number };

type Matrix = ReturnType<typeof barcodeMatrix>;
type Op =
  | { kind: 'text'; x: number; y: number; text: string; font: string; align: 'left' | 'center' }
  | { kind: 'rule'; y: number; h: number }
  | { kind: 'code'; x: number; y: number; m: Matrix; dots: number };

// DejaVu's ascent and line height in em, as in render.ts: stacked marks (ệ, ờ) stay inside the line.
const ASCENT = 0.93;
const LINE = 1.17;
/** Body text at 9 pt is 25 dots high at 203 dpi: every horn and hook survives the threshold (labels-ocr). */
const BODY_PT = 9;
const SMALL_PT = 7.5;
const TITLE_PT = 12;

class Layout {
  ops: Op[] = [];
  y = 0;
  constructor(
    private ctx: SKRSContext2D,
    private dpi: number,
    readonly width: number,
  ) {}

  font(pt: number, bold = false): { font: string; px: number } {
    const px = ptToDots(pt, this.dpi);
    return { font: `${bold ? 'bold ' : ''}${px}px "${FONT}"`, px };
  }

  measure(font: string, s: string): number {
    this.ctx.font = font;
    return this.ctx.measureText(s).width;
  }

  /** Words wrapped into `width`; a word never breaks unless it alone is wider than the line. */
  wrap(font: string, text: string, width: number): string[] {
    const out: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (!line || this.measure(font, next) <= width) line = next;
      else {
        out.push(line);
        line = word;
      }
    }
    if (line) out.push(line);
    return out;
  }

  /** Wrapped text at (x, this.y) in a column `width` wide; returns the height used. */
  text(text: string, pt: number, opts: { bold?: boolean; x?: number; width?: number; center?: boolean } = {}): number {
    const { font, px } = this.font(pt, opts.bold);
    const x = opts.x ?? 0;
    const width = opts.width ?? this.width - x;
    const lines = this.wrap(font, text, width);
    lines.forEach((l, i) =>
      this.ops.push({
        kind: 'text',
        x: opts.center ? x + width / 2 : x,
        y: this.y + Math.round(px * ASCENT + i * px * LINE),
        text: l,
        font,
        align: opts.center ? 'center' : 'left',
      }),
    );
    return Math.ceil(lines.length * px * LINE);
  }

  /** One line of text that must not break (a lot code): shrunk down to `minPt` to fit, then wrapped. */
  unbroken(text: string, pt: number, minPt: number, x: number, width: number): number {
    let size = pt;
    while (size > minPt && this.measure(this.font(size).font, text) > width) size -= 0.25;
    return this.text(text, size, { x, width });
  }

  rule(h = 2, gap = 8): void {
    this.y += gap;
    this.ops.push({ kind: 'rule', y: this.y, h });
    this.y += h + gap;
  }
}

function header(l: Layout, d: SlipData, w: (typeof SLIP_WORDS)[Lang]): void {
  l.y += l.text(d.business.name, 10, { bold: true, center: true, width: l.width });
  l.y += l.text(`${w.taxCode}: ${d.business.taxCode}`, SMALL_PT, { center: true, width: l.width });
  if (d.business.address) l.y += l.text(d.business.address, SMALL_PT, { center: true, width: l.width });
  l.rule();
  l.y += l.text(w.title, TITLE_PT, { bold: true, center: true, width: l.width });
  l.y += l.text(`${w.number}: ${d.number}`, BODY_PT, { center: true, width: l.width });
  l.y += l.text(`${w.date}: ${formatDateVi(d.date)}`, BODY_PT, { center: true, width: l.width });
  l.rule();
  if (d.customer) {
    l.y += l.text(`${w.customer}: ${d.customer.name}`, BODY_PT, { bold: true });
    if (d.customer.address) l.y += l.text(`${w.address}: ${d.customer.address}`, BODY_PT);
  } else if (d.destination) l.y += l.text(`${w.destination}: ${d.destination}`, BODY_PT, { bold: true });
}

/** The symbol drawn for each line, its GS1 table row and the whole dots of its module at the printer's dpi. */
type CodeStyle = { code: SlipCode; spec: SymbolSpec; dots: number };

/** Beside the code, the text keeps at least this share of the width; a wider code goes under the text. */
const MIN_TEXT_SHARE = 0.6;
const CODE_GAP = 8;

/**
 * One shipment line: its text on the left and its code on the right (top-aligned), whichever is taller; a code
 * that would leave the text too narrow (a QR on 58 mm paper) goes under the text instead, centred.
 */
function line(l: Layout, d: SlipData, i: number, w: (typeof SLIP_WORDS)[Lang], lang: Lang, style: CodeStyle) {
  const ln = d.lines[i];
  const code = slipLineCode(ln, style.code, d.business.digitalLinkDomain);
  const { quiet: q } = style.spec;
  const dots = style.dots;
  // The service checks every line's code first (checkSlip); a bad one here is a programming error.
  if (code && !code.ok) throw new Error(`slip line ${i + 1}: ${code.errors[0].code}`);
  const symbology = style.code === 'qr' ? 'qr-digital-link' : 'gs1-datamatrix';
  const m: Matrix | null = code ? barcodeMatrix(symbology, { data: code.data, hri: code.hri }) : null;
  const codeW = m ? (q.left + m.cols + q.right) * dots : 0;
  const codeH = m ? (q.top + m.rows + q.bottom) * dots : 0;
  const beside = !m || l.width - codeW - CODE_GAP >= l.width * MIN_TEXT_SHARE;
  const textW = beside && m ? l.width - codeW - CODE_GAP : l.width;
  const top = l.y;
  // Each text row starts where the previous one ended; the code keeps the block's top.
  const row = (n: number) => (l.y += n);
  row(l.text(`${i + 1}. ${ln.productName}`, BODY_PT, { bold: true, width: textW }));
  row(l.unbroken(`${w.lot}: ${ln.lotCode}`, BODY_PT, 7, 0, textW));
  row(l.text(`${w.qty}: ${formatQuantity(ln.qty, lang)} ${unitLabel(ln.unit, lang)}`, BODY_PT, { width: textW }));
  if (ln.expiryDate) row(l.text(`${w.expiry}: ${formatDateVi(ln.expiryDate)}`, BODY_PT, { width: textW }));
  if (!m) row(l.text(w.noCode, SMALL_PT, { width: textW }));
  if (!m || !code) return null;
  const box = beside
    ? { x: l.width - codeW, y: top, w: codeW, h: codeH }
    : { x: Math.floor((l.width - codeW) / 2), y: l.y, w: codeW, h: codeH };
  l.ops.push({ kind: 'code', x: box.x + q.left * dots, y: box.y + q.top * dots, m, dots });
  l.y = Math.max(l.y, box.y + box.h);
  return { line: i, hri: code.hri, dots, box };
}

function paint(ctx: SKRSContext2D, ops: Op[], width: number): void {
  ctx.fillStyle = '#000';
  for (const op of ops) {
    if (op.kind === 'rule') ctx.fillRect(0, op.y, width, op.h);
    else if (op.kind === 'text') {
      ctx.font = op.font;
      ctx.textAlign = op.align;
      ctx.textBaseline = 'alphabetic';
      ctx.fillText(op.text, op.x, op.y);
    } else {
      for (let r = 0; r < op.m.rows; r++)
        for (let c = 0; c < op.m.cols; c++)
          if (op.m.dark(c, r)) ctx.fillRect(op.x + c * op.dots, op.y + r * op.dots, op.dots, op.dots);
    }
  }
}

/** Lays the slip out, then draws it on a canvas exactly as tall as the content. */
export function renderSlip(d: SlipData, o: SlipOptions): SlipRender {
  ensureFonts();
  const width = slipWidthDots(o.paper, o.dpi);
  const code = o.code ?? 'datamatrix';
  const spec = code === 'qr' ? QR_POS : DATAMATRIX_POS;
  const dots = moduleDots(spec, o.dpi);
  if (dots === null) throw new Error(`no whole-dot ${code} module at ${o.dpi} dpi`);
  const { createCanvas } = loadCanvas();
  const l = new Layout(createCanvas(8, 8).getContext('2d'), o.dpi, width);
  const w = SLIP_WORDS[o.lang];
  l.y = 8;
  header(l, d, w);
  const symbols: SlipSymbol[] = [];
  d.lines.forEach((_, i) => {
    l.rule(1, 10);
    const s = line(l, d, i, w, o.lang, { code, spec, dots });
    if (s) symbols.push(s);
  });
  l.rule();
  l.y += l.text(`${d.lines.length} ${w.lines} · ${w.scanHint}`, SMALL_PT, { center: true, width });
  const height = l.y + 16;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  paint(ctx, l.ops, width);
  const mm = (n: number) => Math.round(((n * 25.4) / o.dpi) * 10) / 10;
  return { bitmap: threshold(canvas.data(), width, height), symbols, widthMm: mm(width), heightMm: mm(height) };
}
