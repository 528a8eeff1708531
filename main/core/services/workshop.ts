// Workshop mode (chế độ đào tạo): a separate training database with the demo business. The flag lives
// in the database itself (settings 'workshop' = '1'), so whatever opens the file shows the "ĐÀO TẠO"
// banner and prints "MẪU/TRAINING" on labels; a real database can never be reset by mistake.
import fs from 'node:fs';
import path from 'node:path';
import { loadBwip, loadPDFDocument } from '../../heavy-libs';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/api/errors';
import { WORKSHOP_STEPS, type Guide, type WorkshopStatus, type WorkshopStep } from '../../../shared/api/workshop';
import { resourcesDir } from '../../paths';
import { clockFromEnv, nowIso, type Clock } from '../../clock';
import type { Db } from '../../store/db';
import { replaceDatabaseFile } from '../../store/backup';
import type { PartialHandlers, ServiceContext } from '../core';
import { openCore } from '../index';
import { buildDemo, demoClock } from '../../demo';
import { settingValue } from '../../store/settings';
import { q, qv } from '../../store/statements';

export const WORKSHOP_KEY = 'workshop';
const RESET_AT_KEY = 'workshop.resetAt';
const TICK_KEY = (s: WorkshopStep) => `workshop.tick.${s}`;

/** Is this the training database? Labels print "MẪU/TRAINING" and the UI shows "ĐÀO TẠO" when true. */
export function isWorkshopDb(db: Db): boolean {
  try {
    return settingValue(db, WORKSHOP_KEY) === '1';
  } catch {
    return false;
  }
}

function put(db: Db, key: string, value: string) {
  q(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

/** Marks a database as the training database (after the demo business is loaded into it). */
export function markWorkshop(db: Db, at: string): void {
  put(db, WORKSHOP_KEY, '1');
  put(db, RESET_AT_KEY, at);
}

/** First time of something done by a trainee since the reset, or null. */
function firstSince(db: Db, sql: string, since: string): string | null {
  try {
    return (qv(db, sql).get(since) as string | null | undefined) ?? null;
  } catch {
    return null; // a table of a feature that is not installed yet
  }
}

/** When each step was first done since the reset, read through the time indexes (events_kind_recorded, audit_log_at). */
function detectSteps(db: Db, since: string): Record<WorkshopStep, string | null> {
  return {
    product: firstSince(db, 'SELECT min(created_at) FROM products WHERE created_at > ?', since),
    receive: firstSince(db, "SELECT min(recorded_at) FROM events WHERE kind = 'receipt' AND recorded_at > ?", since),
    batch: firstSince(db, "SELECT min(recorded_at) FROM events WHERE kind = 'production' AND recorded_at > ?", since),
    label: firstSince(
      db,
      "SELECT min(at) FROM audit_log WHERE (action LIKE '%print%' OR entity LIKE 'label%') AND at > ?",
      since,
    ),
    trace: firstSince(db, "SELECT min(at) FROM audit_log WHERE action LIKE 'trace.%' AND at > ?", since),
    recall: firstSince(
      db,
      "SELECT min(at) FROM audit_log WHERE (action LIKE 'drill.%' OR action LIKE 'recall.%') AND at > ?",
      since,
    ),
    sync: firstSince(
      db,
      "SELECT min(at) FROM audit_log WHERE (action LIKE 'sync%' OR entity = 'sync') AND at > ?",
      since,
    ),
  };
}

/**
 * The checklist ticks itself from the records made after the last reset (the demo data itself is
 * older): a product added, a receipt, a batch, a printed label, a recall drill, a sync. Looking at a
 * trace leaves no record, so the trace screen ticks it (workshop.tick); any step can be ticked so.
 */
export function workshopStatus(db: Db): WorkshopStatus {
  const workshop = isWorkshopDb(db);
  const since = settingValue(db, RESET_AT_KEY) ?? '0000';
  // A real business's database has no checklist: nothing is read beyond the settings (the home screen asks on every visit).
  const detect: Record<WorkshopStep, string | null> = workshop
    ? detectSteps(db, since)
    : { product: null, receive: null, batch: null, label: null, trace: null, recall: null, sync: null };
  const steps = WORKSHOP_STEPS.map((step) => {
    const ticked = settingValue(db, TICK_KEY(step));
    const at = detect[step] ?? (ticked && ticked > since ? ticked : null);
    return { step, done: at !== null, at };
  });
  return {
    workshop,
    resetAt: settingValue(db, RESET_AT_KEY),
    steps,
    done: steps.filter((s) => s.done).length,
    total: steps.length,
  };
}

function requireWorkshop(ctx: ServiceContext) {
  if (!isWorkshopDb(ctx.db)) throw new AppError('NOT_WORKSHOP', {}, { status: 409 });
}

/**
 * Builds the training database into `file` (replacing it): the demo business, then the workshop flag.
 * The demo builder runs with synchronous=OFF because a half-built file is simply built again.
 */
export function buildWorkshopFile(file: string, scale = 60, now: Clock = clockFromEnv()): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const resetAt = nowIso(now);
  const clock = demoClock(now.now().toISOString());
  // openCore is used at call time only, so the import cycle (index → services → here) is harmless.
  const core = openCore({ dbPath: file, host: 'cli', clock, log: () => {} });
  try {
    core.db.pragma('synchronous = OFF');
    buildDemo(core, clock, { scale });
    core.db.pragma('synchronous = FULL');
    markWorkshop(core.db, resetAt);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    core.close();
  }
}

export const workshopHandlers: PartialHandlers = {
  'workshop.status': (_p, ctx) => workshopStatus(ctx.db),
  'workshop.tick': (p, ctx) => {
    requireWorkshop(ctx);
    put(ctx.db, TICK_KEY(p.step), nowIso(ctx.clock));
    return workshopStatus(ctx.db);
  },
  'workshop.reset': (p, ctx) => {
    requireWorkshop(ctx);
    if (!ctx.replaceDatabase) throw new AppError('RESTORE_IN_MEMORY');
    // Built beside the training file, then swapped in: the old training data stays until the new one is ready.
    const next = `${ctx.dbPath}.reset.db`;
    buildWorkshopFile(next, p.scale ?? 60, ctx.clock);
    ctx.replaceDatabase(() => {
      replaceDatabaseFile(next, ctx.dbPath);
      for (const f of [next, `${next}-wal`, `${next}-shm`]) fs.rmSync(f, { force: true });
    });
    // The handler's connection was closed by the swap; the status is read from the new file.
    const db = new Database(ctx.dbPath, { readonly: true, fileMustExist: true });
    try {
      return workshopStatus(db);
    } finally {
      db.close();
    }
  },
  'workshop.qr': (p) => ({
    svg: loadBwip().toSVG({ bcid: 'qrcode', text: p.text, eclevel: 'M', scale: 3 } as Parameters<
      ReturnType<typeof loadBwip>['toSVG']
    >[0]),
  }),
};

// ---------- printable one-page guides for shop staff ----------
type GuideText = { title: string; intro: string; words: [string, string][]; steps: string[]; tips: string[] };

function fontFile(name: string): string {
  const bundled = path.join(resourcesDir(), 'fonts', name);
  // A development machine without the bundled fonts: Debian's copy of the same font.
  return fs.existsSync(bundled) ? bundled : path.join('/usr/share/fonts/truetype/dejavu', name);
}

/** One A4 page: title, what it is for, the words, numbered steps, tips. Vietnamese needs DejaVu. */
export function guidePdf(guide: Guide, lang: 'vi' | 'en'): Buffer {
  const all = JSON.parse(fs.readFileSync(path.join(resourcesDir(), 'help', 'guides.json'), 'utf8')) as Record<
    Guide,
    Record<'vi' | 'en', GuideText>
  >;
  const g = all[guide][lang];
  const PDFDocument = loadPDFDocument();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 40, left: 55, right: 55 },
    info: { Title: g.title, Creator: 'Nguồn Gốc' },
  });
  doc.registerFont('body', fontFile('DejaVuSans.ttf'));
  doc.registerFont('bold', fontFile('DejaVuSans-Bold.ttf'));
  const width = doc.page.width - 110;
  doc.font('bold').fontSize(20).text(g.title, { width });
  doc.moveDown(0.4).font('body').fontSize(11).text(g.intro, { width });
  doc.moveDown(0.6);
  for (const [word, meaning] of g.words) {
    doc.font('bold').fontSize(11).text(`${word}: `, { continued: true, width }).font('body').text(meaning);
    doc.moveDown(0.2);
  }
  doc
    .moveDown(0.5)
    .font('bold')
    .fontSize(14)
    .text(lang === 'vi' ? 'Các bước' : 'Steps', { width });
  doc.moveDown(0.3);
  g.steps.forEach((s, i) => {
    doc
      .font('bold')
      .fontSize(13)
      .text(`${i + 1}.  `, { continued: true, width })
      .font('body')
      .fontSize(12)
      .text(s);
    doc.moveDown(0.35);
  });
  doc
    .moveDown(0.5)
    .font('bold')
    .fontSize(12)
    .text(lang === 'vi' ? 'Lưu ý' : 'Good to know', { width });
  for (const t of g.tips) doc.font('body').fontSize(11).text(`•  ${t}`, { width }).moveDown(0.2);
  doc
    .font('body')
    .fontSize(8)
    .fillColor('#666')
    .text(
      `Nguồn Gốc — ${lang === 'vi' ? 'hướng dẫn nhanh cho nhân viên' : 'quick guide for staff'}`,
      55,
      doc.page.height - 60,
      { width, align: 'center' },
    );
  doc.end();
  // pdfkit writes into its stream buffer synchronously; drain it without an event-loop turn.
  const chunks: Buffer[] = [];
  for (let c = doc.read() as Buffer | null; c !== null; c = doc.read() as Buffer | null) chunks.push(c);
  return Buffer.concat(chunks);
}

export const helpHandlers: PartialHandlers = {
  'help.guide': (p, ctx) => {
    const buf = guidePdf(p.guide, ctx.lang);
    const names: Record<Guide, string> = { receiving: 'nhap-hang', labels: 'in-tem', recall: 'thu-hoi' };
    return {
      fileName: `huong-dan-${names[p.guide]}.pdf`,
      mimeType: 'application/pdf',
      base64: buf.toString('base64'),
      bytes: buf.length,
    };
  },
};
