// Small A4 report writer over pdfkit with DejaVu Sans (it has every Vietnamese diacritic). pdfkit
// writes into its stream buffer synchronously, so the file is drained with read() after end(): no
// event loop turn is needed and the API handler stays synchronous.
import fs from 'node:fs';
import path from 'node:path';
import { loadPDFDocument } from '../heavy-libs';
import { resourcesDir } from '../paths';

export type Col = { header: string; width: number; align?: 'left' | 'right' };

function fontFile(name: string): string {
  const inResources = path.join(resourcesDir(), 'fonts', name);
  if (fs.existsSync(inResources)) return inResources;
  // A development machine without the bundled fonts: Debian's copy of the same font.
  return path.join('/usr/share/fonts/truetype/dejavu', name);
}

export class Report {
  readonly doc: PDFKit.PDFDocument;
  private readonly left = 40;
  private readonly right: number;
  private readonly bottom: number;

  constructor(private readonly footer: string) {
    const PDFDocument = loadPDFDocument();
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 40, bottom: 40, left: 40, right: 40 },
      bufferPages: true,
      info: { Title: footer, Creator: 'Nguồn Gốc' },
    });
    this.doc.registerFont('body', fontFile('DejaVuSans.ttf'));
    this.doc.registerFont('bold', fontFile('DejaVuSans-Bold.ttf'));
    this.doc.font('body').fontSize(9);
    this.right = this.doc.page.width - 40;
    this.bottom = this.doc.page.height - 60;
  }

  get width(): number {
    return this.right - this.left;
  }

  title(text: string, size = 15): this {
    this.doc.font('bold').fontSize(size).text(text, this.left, this.doc.y, { width: this.width });
    this.doc.font('body').fontSize(9).moveDown(0.3);
    return this;
  }

  heading(text: string): this {
    this.ensure(40);
    this.doc.moveDown(0.5).font('bold').fontSize(11).text(text, this.left, this.doc.y, { width: this.width });
    this.doc.font('body').fontSize(9).moveDown(0.2);
    return this;
  }

  line(text: string, opts: { bold?: boolean } = {}): this {
    this.ensure(14);
    this.doc
      .font(opts.bold ? 'bold' : 'body')
      .fontSize(9)
      .text(text, this.left, this.doc.y, { width: this.width });
    this.doc.font('body');
    return this;
  }

  /** Label: value pairs in two columns. */
  fields(pairs: [string, string | number | null | undefined][]): this {
    for (const [k, v] of pairs) {
      this.ensure(14);
      const y = this.doc.y;
      this.doc.font('bold').text(k, this.left, y, { width: 130 });
      this.doc.font('body').text(v === null || v === undefined || v === '' ? '—' : String(v), this.left + 135, y, {
        width: this.width - 135,
      });
      this.doc.y = Math.max(this.doc.y, y + 12);
    }
    return this;
  }

  table(cols: Col[], rows: (string | number | null | undefined)[][], empty = '—'): this {
    const total = cols.reduce((a, c) => a + c.width, 0);
    const scale = this.width / total;
    const drawRow = (cells: (string | number | null | undefined)[], bold: boolean) => {
      // Measuring text is the slow part of pdfkit: only cells that may wrap are measured (a 9 pt
      // DejaVu character is under 6 pt wide), so a 10,000-row recall record stays quick to write.
      const heights = cells.map((c, i) => {
        const text = c === null || c === undefined ? '' : String(c);
        const w = cols[i].width * scale - 4;
        return text.length * 6 > w || text.includes('\n')
          ? this.doc.font(bold ? 'bold' : 'body').heightOfString(text, { width: w })
          : 11;
      });
      const h = Math.max(12, ...heights) + 3;
      this.ensure(h);
      const y = this.doc.y;
      let x = this.left;
      cells.forEach((c, i) => {
        const w = cols[i].width * scale;
        this.doc.font(bold ? 'bold' : 'body').text(c === null || c === undefined ? '' : String(c), x + 2, y + 1, {
          width: w - 4,
          align: cols[i].align ?? 'left',
        });
        x += w;
      });
      this.doc
        .moveTo(this.left, y + h)
        .lineTo(this.right, y + h)
        .lineWidth(0.3)
        .strokeColor('#bbbbbb')
        .stroke();
      this.doc.y = y + h + 1;
      this.doc.x = this.left;
    };
    drawRow(
      cols.map((c) => c.header),
      true,
    );
    if (!rows.length) this.line(empty);
    for (const r of rows) drawRow(r, false);
    this.doc.font('body');
    return this;
  }

  ensure(h: number): void {
    if (this.doc.y + h > this.bottom) this.newPage();
  }

  newPage(): this {
    this.doc.addPage();
    this.doc.x = this.left;
    this.doc.y = 40;
    return this;
  }

  /** Stamps every page with the footer and "page n/total", then returns the file. */
  finish(pageLabel: (n: number, total: number) => string): Buffer {
    const range = this.doc.bufferedPageRange();
    for (let i = 0; i < range.count; i++) {
      this.doc.switchToPage(range.start + i);
      const y = this.doc.page.height - 30;
      // Writing below the bottom margin must not add a page: lift the margin while stamping.
      const margin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.font('body').fontSize(7.5).fillColor('#555555');
      this.doc.text(this.footer, this.left, y, { width: this.width - 80, lineBreak: false });
      this.doc.text(pageLabel(i + 1, range.count), this.right - 80, y, { width: 80, align: 'right', lineBreak: false });
      this.doc.page.margins.bottom = margin;
      this.doc.fillColor('black');
    }
    this.doc.end();
    const chunks: Buffer[] = [];
    for (let c = this.doc.read() as Buffer | null; c !== null; c = this.doc.read() as Buffer | null) chunks.push(c);
    return Buffer.concat(chunks);
  }
}
