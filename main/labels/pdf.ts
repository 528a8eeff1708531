// Labels as a PDF at exact size, for A4 decal sheets in an office printer (print at 100 %, "actual size") and for
// a label-size PDF. Each label is the same 1-bit bitmap as the preview, embedded as a PNG placed at its size in
// points, so the PDF viewer neither resamples text nor guesses a scale.
import { loadPDFDocument } from '../heavy-libs';
import { A4, type LabelTemplate } from '../../shared/labels/model';
import { bitmapToPng, type Bitmap } from './render';

const PT_PER_MM = 72 / 25.4;

/**
 * `labels` in order; a sheet template fills cols × rows per A4 page, otherwise one label per page. `printedOn`
 * (YYYY-MM-DD, the job's print date) is the PDF's creation date, so sending a job again gives the same bytes.
 */
export function labelsPdf(t: LabelTemplate, labels: Iterable<Bitmap>, printedOn?: string): Promise<Buffer> {
  const sheet = t.sheet;
  const PDFDocument = loadPDFDocument();
  const doc = new PDFDocument({
    autoFirstPage: false,
    info: {
      Title: t.name,
      Creator: 'Nguồn Gốc',
      ...(printedOn ? { CreationDate: new Date(`${printedOn}T00:00:00Z`) } : {}),
    },
    // Fixed dates keep the PDF byte-for-byte reproducible for the same labels.
    compress: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const w = t.widthMm * PT_PER_MM;
  const h = t.heightMm * PT_PER_MM;
  let i = 0;
  for (const b of labels) {
    const png = bitmapToPng(b);
    if (sheet) {
      const perPage = sheet.cols * sheet.rows;
      const k = i % perPage;
      if (k === 0) doc.addPage({ size: [A4.widthMm * PT_PER_MM, A4.heightMm * PT_PER_MM], margin: 0 });
      const col = k % sheet.cols;
      const row = Math.floor(k / sheet.cols);
      const x = (sheet.marginLeftMm + col * (t.widthMm + sheet.gapXMm)) * PT_PER_MM;
      const y = (sheet.marginTopMm + row * (t.heightMm + sheet.gapYMm)) * PT_PER_MM;
      doc.image(png, x, y, { width: w, height: h });
    } else {
      doc.addPage({ size: [w, h], margin: 0 });
      doc.image(png, 0, 0, { width: w, height: h });
    }
    i++;
  }
  if (i === 0) doc.addPage({ size: [w, h], margin: 0 });
  doc.end();
  return done;
}
