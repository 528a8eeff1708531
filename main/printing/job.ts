// A print job's spec → the bytes (or pages) that go to the printer. The spec holds everything (template, frozen
// label data, printer settings, print date), so sending it again later gives exactly the same bytes.
import { createHash } from 'node:crypto';
import type { LabelData } from '../../shared/labels/fields';
import { placeholders } from '../../shared/labels/fields';
import { A4, mmToDots, type LabelTemplate } from '../../shared/labels/model';
import { bitmapToPng, blit, newBitmap, renderLabel, shiftBitmap, type Bitmap } from '../labels/render';
import { encodeJob, type EncodeProfile, type LabelRun, type PrinterLanguage } from './encoders';
import type { SlipData, SlipPaper } from '../../shared/labels/slip';
import type { Lang } from '../../shared/i18n/messages';
import { renderSlip } from '../labels/slip';
import { receiptBytes, type ReceiptSettings } from './receipt';

export type JobSpec = {
  template: LabelTemplate;
  data: LabelData;
  language: PrinterLanguage | 'driver';
  profile: EncodeProfile;
  offsetXMm: number;
  offsetYMm: number;
  copies: number;
  serialFrom: number | null;
  /** The print date (fields {date}, {date+N}), fixed when the job was made. */
  today: string;
  /** The lot state the owner confirmed printing in (held, recalled, expired); the queue refuses any other. */
  lotOverride?: string | null;
};

/** A delivery slip on a receipt printer: the slip's content as it was when the job was made, and the printer's
 * settings, so a retry sends the same bytes. */
export type SlipJobSpec = {
  kind: 'slip';
  slip: SlipData;
  paper: SlipPaper;
  dpi: number;
  lang: Lang;
  language: 'escpos' | 'driver';
  receipt: ReceiptSettings;
};
export type AnyJobSpec = JobSpec | SlipJobSpec;

export const isSlip = (s: AnyJobSpec): s is SlipJobSpec => (s as SlipJobSpec).kind === 'slip';

/** True when labels differ from one copy to the next ({serial} text or AI 21 in a barcode). */
export function isSerialized(t: LabelTemplate): boolean {
  return t.elements.some(
    (e) =>
      (e.type === 'text' && placeholders(e.content).some((k) => k.startsWith('serial'))) ||
      (e.type === 'barcode' && ((e.ais ?? []) as string[]).includes('21')) ||
      (e.type === 'barcode' && /\{serial/.test(e.data ?? '')),
  );
}

/**
 * The labels of a job, rendered lazily: identical labels are one run with the printer's copy count; serial labels
 * are one run each, rendered when the previous one has been written (flat memory for 1,000 labels).
 */
export function* jobRuns(spec: JobSpec): Generator<LabelRun> {
  const dx = mmToDots(spec.offsetXMm, spec.profile.dpi);
  const dy = mmToDots(spec.offsetYMm, spec.profile.dpi);
  const render = (serial?: number) =>
    shiftBitmap(renderLabel(spec.template, spec.data, { today: spec.today, serial }, spec.profile.dpi).bitmap, dx, dy);
  if (isSerialized(spec.template)) {
    const first = spec.serialFrom ?? 1;
    for (let i = 0; i < spec.copies; i++) yield { bitmap: render(first + i), copies: 1 };
  } else {
    yield { bitmap: render(spec.serialFrom ?? undefined), copies: spec.copies };
  }
}

/** Every label bitmap, one per physical label (PDF pages, driver pages). */
export function* jobLabels(spec: JobSpec): Generator<Bitmap> {
  for (const run of jobRuns(spec)) for (let i = 0; i < run.copies; i++) yield run.bitmap;
}

/** The raw printer-language byte stream of a job. */
export function jobBytes(spec: AnyJobSpec): Generator<Buffer> {
  if (spec.language === 'driver') throw new Error('driver jobs have pages, not bytes');
  if (isSlip(spec)) return receiptBytes(slipBitmap(spec).bitmap, spec.receipt);
  return encodeJob(spec.language, spec.profile, jobRuns(spec));
}

function slipBitmap(spec: SlipJobSpec) {
  return renderSlip(spec.slip, { paper: spec.paper, dpi: spec.dpi, lang: spec.lang });
}

/** PNG pages for the OS driver: one label per page, or A4 pages filled cols × rows for sheet templates. */
export function jobPages(spec: AnyJobSpec): { pages: Buffer[]; widthMm: number; heightMm: number } {
  if (isSlip(spec)) {
    // A receipt printer's own driver takes the slip as one page of the paper's width and the slip's length.
    const r = slipBitmap(spec);
    return { pages: [bitmapToPng(r.bitmap)], widthMm: r.widthMm, heightMm: r.heightMm };
  }
  const t = spec.template;
  const dpi = spec.profile.dpi;
  if (!t.sheet) return { pages: [...jobLabels(spec)].map(bitmapToPng), widthMm: t.widthMm, heightMm: t.heightMm };
  const s = t.sheet;
  const pages: Buffer[] = [];
  let page: Bitmap | null = null;
  let k = 0;
  for (const label of jobLabels(spec)) {
    if (!page) page = newBitmap(mmToDots(A4.widthMm, dpi), mmToDots(A4.heightMm, dpi));
    const col = k % s.cols;
    const row = Math.floor(k / s.cols);
    blit(
      page,
      label,
      mmToDots(s.marginLeftMm + col * (t.widthMm + s.gapXMm), dpi),
      mmToDots(s.marginTopMm + row * (t.heightMm + s.gapYMm), dpi),
    );
    k++;
    if (k === s.cols * s.rows) {
      pages.push(bitmapToPng(page));
      page = null;
      k = 0;
    }
  }
  if (page) pages.push(bitmapToPng(page));
  return { pages, widthMm: A4.widthMm, heightMm: A4.heightMm };
}

/** Counts and hashes the chunks as they stream past (the log records what was sent). */
export function* hashing(
  chunks: Iterable<Buffer>,
  sink: { bytes: number; hash: ReturnType<typeof createHash> },
): Generator<Buffer> {
  for (const c of chunks) {
    sink.bytes += c.length;
    sink.hash.update(c);
    yield c;
  }
}
