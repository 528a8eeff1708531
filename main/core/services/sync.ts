// Sync and export handlers. Network and file work runs as background jobs (main/sync/jobs.ts): `sync.start`
// returns the job at once; the UI polls `sync.job` / `sync.status`.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { Db } from '../../store/db';
import type { PartialHandlers, ServiceContext } from '../core';
import { nowIso } from '../../clock';
import { countByStatus, listItems, retryRejected } from '../../sync/outbox';
import { currentPortal, portalConfig, savePortal } from '../../sync/portals';
import { makeAdapter, runSync } from '../../sync/engine';
import { getJob, lastJob, runningJob, startJob } from '../../sync/jobs';
import { exportEpcisFile } from '../../exports/epcis';
import { writeSheetCsvFile, writeSheetXlsx } from '../../exports/sheet';
import { writePackage } from '../../exports/package';
import { circularDataset } from '../../exports/circular';
import type { SyncStatus } from '../../../shared/api/sync';
import { errorMessage } from '../../../shared/i18n/messages';
import { appFolder } from '../../store/folders';
import { q } from '../../store/statements';

// One owner id per open database, so jobs of two cores (tests, several files) never mix.
const owners = new WeakMap<Db, string>();
let ownerSeq = 0;
export const owner = (ctx: Pick<ServiceContext, 'db' | 'dbPath'>) => {
  let o = owners.get(ctx.db);
  if (!o) owners.set(ctx.db, (o = `${ctx.dbPath}#${++ownerSeq}`));
  return o;
};

const MIME: Record<string, string> = {
  jsonld: 'application/ld+json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  zip: 'application/zip',
};

/** `dir/name`, or `dir/name-2.ext`… when that file exists (two exports in the same minute). */
function uniqueFile(dir: string, name: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const ext = path.extname(name);
  let file = path.join(dir, name);
  for (let i = 2; fs.existsSync(file); i++) file = path.join(dir, `${path.basename(name, ext)}-${i}${ext}`);
  return file;
}

/** Starts a sync job unless one is running (the "Đồng bộ" button and the automatic sync share this). */
export function startSync(ctx: Pick<ServiceContext, 'db' | 'dbPath' | 'clock' | 'lang'>) {
  const running = runningJob(owner(ctx), 'sync');
  if (running) return running;
  const portal = currentPortal(ctx.db);
  if (!portal) throw new AppError('PORTAL_NOT_SET');
  portalConfig(ctx.db, portal.id); // the secret must open: say so now rather than in the job
  return startJob(
    owner(ctx),
    'sync',
    nowIso(ctx.clock),
    async (job) => {
      const r = await runSync(ctx.db, {
        clock: ctx.clock,
        onProgress: (p) =>
          (job.progress = {
            total: p.total,
            done: p.done,
            accepted: p.accepted,
            rejected: p.rejected,
            phase: p.phase,
            message: p.message,
          }),
      });
      if (r.error) job.error = { code: r.error.code, message: ctx.lang === 'en' ? r.error.messageEn : r.error.message };
      return r as unknown as Record<string, unknown>;
    },
    ctx.lang,
    () => nowIso(ctx.clock),
  );
}

export const syncHandlers: PartialHandlers = {
  'sync.status': (_p, ctx): SyncStatus => {
    const portal = currentPortal(ctx.db);
    const run = portal
      ? (q(
          ctx.db,
          'SELECT started_at, finished_at, outcome, accepted, rejected, message FROM sync_runs WHERE portal_id = ? ORDER BY id DESC LIMIT 1',
        ).get(portal.id) as Record<string, string | number | null> | undefined)
      : undefined;
    return {
      portal,
      counts: countByStatus(ctx.db, portal?.id ?? null),
      lastRun: run
        ? {
            startedAt: run.started_at as string,
            finishedAt: run.finished_at as string | null,
            outcome: run.outcome as string | null,
            accepted: run.accepted as number,
            rejected: run.rejected as number,
            message: run.message as string | null,
          }
        : null,
      job: runningJob(owner(ctx), 'sync') ?? lastJob(owner(ctx), 'sync'),
    };
  },
  'sync.items': (p, ctx) => {
    const portal = currentPortal(ctx.db);
    if (!portal) return { total: 0, items: [] };
    return listItems(ctx.db, portal.id, { status: p.status, limit: p.limit, offset: p.offset, lang: ctx.lang });
  },
  'sync.run': (_p, ctx) => startSync(ctx),
  'sync.job': (p, ctx) => getJob(owner(ctx), p.jobId),
  'sync.retryRejected': (_p, ctx) => {
    const portal = currentPortal(ctx.db);
    if (!portal) throw new AppError('PORTAL_NOT_SET');
    return { requeued: retryRejected(ctx.db, portal.id, nowIso(ctx.clock)) };
  },
  'sync.settings.get': (_p, ctx) => currentPortal(ctx.db),
  'sync.settings.save': (p, ctx) =>
    savePortal(
      ctx.db,
      {
        type: p.type,
        // A file portal writes its packages into the app's own folder (copied on from there by the user).
        url: p.type === 'file' ? appFolder(ctx.dbPath, 'portal-packages') : p.url,
        auth: p.auth,
        secret: p.secret,
        settings: {
          username: p.username ?? undefined,
          clientId: p.clientId ?? undefined,
          tokenUrl: p.tokenUrl ?? undefined,
          timeoutMs: p.timeoutMs,
        },
      },
      nowIso(ctx.clock),
    ),
  'sync.settings.test': (_p, ctx) => {
    const portal = currentPortal(ctx.db);
    if (!portal) throw new AppError('PORTAL_NOT_SET');
    const cfg = portalConfig(ctx.db, portal.id);
    return startJob(
      owner(ctx),
      'test',
      nowIso(ctx.clock),
      async (job) => {
        const r = await makeAdapter(cfg, ctx.db).test();
        if (!r.ok) job.error = { code: r.code!, message: errorMessage(r.code!, r.params, ctx.lang) };
        return {
          ok: r.ok,
          code: r.code,
          message: r.ok ? null : errorMessage(r.code!, r.params, ctx.lang),
          capabilities: r.capabilities,
        };
      },
      ctx.lang,
      () => nowIso(ctx.clock),
    );
  },
  'export.start': (p, ctx) => {
    if (p.lots?.length && (p.from || p.to)) throw new AppError('EXPORT_FILTER');
    const format = p.format ?? (p.kind === 'epcis' ? 'jsonld' : p.kind === 'package' ? 'zip' : 'xlsx');
    const stamp = nowIso(ctx.clock);
    const fileName = `${p.kind === 'epcis' ? 'epcis' : p.kind === 'sheet' ? 'su-kien' : 'goi-truy-xuat'}-${stamp.slice(0, 16).replace(/[-:T]/g, '')}.${format}`;
    // Into the app's exports folder under the app's own name; the file leaves as a download.
    const out = uniqueFile(appFolder(ctx.dbPath, 'exports'), fileName);
    const filter = { from: p.from, to: p.to, lots: p.lots };
    return startJob(
      owner(ctx),
      'export',
      stamp,
      async () => {
        let facts: Record<string, unknown>;
        if (p.kind === 'epcis') facts = { ...(await exportEpcisFile(ctx.db, filter, out, { creationDate: stamp })) };
        else if (p.kind === 'sheet')
          facts = {
            rows:
              format === 'csv'
                ? await writeSheetCsvFile(ctx.db, filter, out, ctx.lang)
                : await writeSheetXlsx(ctx.db, filter, out, ctx.lang),
          };
        else facts = { ...(await writePackage(ctx.db, filter, out, { creationDate: stamp, lang: ctx.lang })) };
        return {
          ...facts,
          file: out,
          fileName: path.basename(out),
          mimeType: MIME[format],
          bytes: fs.statSync(out).size,
        };
      },
      ctx.lang,
      () => nowIso(ctx.clock),
    );
  },
  'export.download': (p, ctx) => {
    const job = getJob(owner(ctx), p.jobId);
    if (job.kind !== 'export' || job.state !== 'done' || !job.result)
      throw new AppError('SYNC_JOB_UNKNOWN', {}, { status: 404 });
    const buf = fs.readFileSync(job.result.file as string);
    return {
      fileName: job.result.fileName as string,
      mimeType: job.result.mimeType as string,
      base64: buf.toString('base64'),
      bytes: buf.length,
    };
  },
  'export.circular': (_p, ctx) => circularDataset(ctx.db, ctx.lang),
};
