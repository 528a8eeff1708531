// The sync engine: sends the outbox to one portal in batches, never blocking recording (it is async and only
// takes short write transactions to update statuses between network calls).
//   - batches of min(our batch size, the server's GS1-EPCIS-Capture-Limit), split in two on 413 or when the
//     document is larger than GS1-EPCIS-Capture-File-Size-Limit, and down to single items to isolate a bad one;
//   - exponential backoff with jitter on network errors, timeouts and 5xx; Retry-After honoured on 429/503;
//   - credentials refreshed once on 401 (in the adapter), then the run stops with a clear message;
//   - a rejected item is recorded with its reason and never blocks the others;
//   - items are marked 'sending' before each request; a crash leaves them 'sending', and the next run resends
//     them: the portal recognises them by their stable eventID, so nothing is lost or doubled.
import { AppError } from '../../shared/api/errors';
import { errorMessage } from '../../shared/i18n/messages';
import '../../shared/i18n/sync';
import { nowIso, type Clock, systemClock } from '../clock';
import type { Db } from '../store/db';
import { EpcisBuilder, epcisDocument, type EventRow } from '../epcis/build';
import { EpcisCaptureAdapter } from './adapters/epcis-capture';
import { FilePackageAdapter } from './adapters/file-package';
import { HanoiCheckAdapter } from './hanoicheck/adapter';
import {
  nextPending,
  recordOutcome,
  recoverSending,
  setStatus,
  countByStatus,
  type OutboxItem,
  type SyncCounts,
} from './outbox';
import { currentPortal, portalConfig, rememberMediaType } from './portals';
import type { SecretStore } from './secrets';
import { SyncError, type Delivery, type PortalAdapter, type PortalConfig } from './types';
import { q } from '../store/statements';

export type SyncProgress = {
  total: number;
  done: number;
  sent: number;
  accepted: number;
  rejected: number;
  phase: 'starting' | 'sending' | 'waiting' | 'finished';
  message: string | null;
};

export type SyncOutcome = {
  outcome: 'done' | 'partial' | 'failed' | 'stopped';
  sent: number;
  accepted: number;
  rejected: number;
  counts: SyncCounts;
  error: { code: string; message: string; messageEn: string } | null;
};

export type SyncOptions = {
  clock?: Clock;
  store?: SecretStore;
  onProgress?: (p: SyncProgress) => void;
  /** Backoff base and cap (ms); tests use small values. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Tries of one batch on retryable errors before the run stops (the items stay pending). */
  maxAttempts?: number;
  batchSize?: number;
  adapter?: (cfg: PortalConfig, db: Db) => PortalAdapter;
  signal?: AbortSignal;
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export function makeAdapter(cfg: PortalConfig, db: Db): PortalAdapter {
  if (cfg.type === 'hanoicheck') return new HanoiCheckAdapter(cfg, db);
  return cfg.type === 'file' ? new FilePackageAdapter(cfg) : new EpcisCaptureAdapter(cfg);
}

export async function runSync(db: Db, opts: SyncOptions = {}): Promise<SyncOutcome> {
  const clock = opts.clock ?? systemClock;
  const now = () => nowIso(clock);
  const portal = currentPortal(db);
  if (!portal) throw new AppError('PORTAL_NOT_SET');
  const cfg = portalConfig(db, portal.id, opts.store);
  const adapter = (opts.adapter ?? makeAdapter)(cfg, db);
  const runId = Number(
    q(db, 'INSERT INTO sync_runs(portal_id, started_at) VALUES (?, ?)').run(portal.id, now()).lastInsertRowid,
  );
  recoverSending(db, portal.id, now());
  const startCounts = countByStatus(db, portal.id);
  const progress: SyncProgress = {
    total: startCounts.pending,
    done: 0,
    sent: 0,
    accepted: 0,
    rejected: 0,
    phase: 'starting',
    message: null,
  };
  const report = () => opts.onProgress?.({ ...progress });
  report();

  let stopError: SyncError | null = null;
  let limit = Math.max(1, opts.batchSize ?? cfg.settings.batchSize ?? 500);
  let sizeLimit: number | null = null;
  try {
    const caps = await withRetry(() => adapter.capabilities(), opts, progress, report);
    if (caps.captureLimit) limit = Math.min(limit, caps.captureLimit);
    sizeLimit = caps.fileSizeLimit;
  } catch (err) {
    if (!(err instanceof SyncError)) throw err;
    // A server without OPTIONS still takes captures; only hard stops end the run here.
    if (err.action === 'stop' || err.action === 'auth' || err.action === 'retry') stopError = err;
  }

  const builder = new EpcisBuilder(db);
  let cursor = 0;
  let passes = 0;
  while (!stopError && !opts.signal?.aborted) {
    const items = nextPending(db, portal.id, limit, cursor);
    if (!items.length) break;
    progress.phase = 'sending';
    try {
      await sendItems(items);
    } catch (err) {
      if (!(err instanceof SyncError)) throw err;
      stopError = err;
      setStatus(
        db,
        portal.id,
        items.map((i) => i.id),
        'pending',
        now(),
      );
    }
    // Items that must go again (a rolled-back job) are pending with ids ≤ cursor: pick them up in a second pass.
    cursor = items[items.length - 1].id;
    if (
      nextPending(db, portal.id, 1, cursor).length === 0 &&
      nextPending(db, portal.id, 1, 0).length > 0 &&
      !stopError &&
      ++passes < 3
    )
      cursor = 0;
  }

  async function sendItems(items: OutboxItem[]): Promise<void> {
    const delivery = buildDelivery(items);
    // The limit counts EPCIS events, and one item may be several (a transfer, a correction): re-pack to fit.
    if (items.length > 1 && delivery.eventCount > limit) return pack(items, delivery);
    if (sizeLimit && items.length > 1 && Buffer.byteLength(JSON.stringify(delivery.document)) > sizeLimit)
      return split(items);
    setStatus(
      db,
      portal!.id,
      items.map((i) => i.id),
      'sending',
      now(),
    );
    progress.sent += items.length;
    let result;
    try {
      result = await withRetry(() => adapter.deliver(delivery), opts, progress, report);
    } catch (err) {
      if (err instanceof SyncError && err.action === 'too_large' && items.length > 1) {
        // A 413 that names its limits: keep to them from now on; one that does not: halve and try again.
        const named = err.limits ?? { captureLimit: null, fileSizeLimit: null };
        if (named.captureLimit) limit = Math.min(limit, named.captureLimit);
        if (named.fileSizeLimit) sizeLimit = Math.min(sizeLimit ?? Infinity, named.fileSizeLimit);
        if (named.captureLimit && delivery.eventCount > limit) return pack(items, delivery);
        return split(items);
      }
      if (err instanceof SyncError && (err.action === 'too_large' || err.action === 'invalid') && items.length === 1) {
        const reason = errorMessage(err.code, err.params, 'vi');
        recordOutcome(
          db,
          portal!.id,
          items[0].id,
          { status: 'rejected', reasonVi: reason, reasonEn: errorMessage(err.code, err.params, 'en'), raw: err.raw },
          now(),
        );
        progress.rejected++;
        progress.done++;
        report();
        return;
      }
      throw err;
    }
    db.transaction(() => {
      for (const item of items) {
        const o = result.outcomes.get(item.id) ?? { status: 'retry' as const };
        if (o.status === 'retry') {
          setStatus(db, portal!.id, [item.id], 'pending', now());
          continue;
        }
        recordOutcome(db, portal!.id, item.id, o, now());
        progress.done++;
        if (o.status === 'accepted') progress.accepted++;
        else progress.rejected++;
      }
    })();
    report();
  }

  /** Items in order, in groups of at most `limit` EPCIS events (an item larger than the limit goes alone). */
  async function pack(items: OutboxItem[], delivery: Delivery): Promise<void> {
    const eventsOf = new Map<number, number>();
    for (const ids of delivery.eventItems.values()) for (const id of ids) eventsOf.set(id, (eventsOf.get(id) ?? 0) + 1);
    let group: OutboxItem[] = [];
    let n = 0;
    for (const item of items) {
      const k = eventsOf.get(item.id) ?? 0;
      if (group.length && n + k > limit) {
        await sendItems(group);
        group = [];
        n = 0;
      }
      group.push(item);
      n += k;
    }
    if (group.length) await sendItems(group);
  }

  async function split(items: OutboxItem[]): Promise<void> {
    const half = Math.ceil(items.length / 2);
    limit = Math.max(1, Math.min(limit, half));
    await sendItems(items.slice(0, half));
    await sendItems(items.slice(half));
  }

  function buildDelivery(items: OutboxItem[]): Delivery {
    const eventItems = new Map<string, number[]>();
    const events = [];
    const masterItems: number[] = [];
    const entities: { entity: string; id: number }[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      if (item.kind === 'event') {
        for (const ev of builder.eventsOf(builder.eventRow(item.event_row_id!) as EventRow)) {
          events.push(ev);
          eventItems.set(ev.eventID, [...(eventItems.get(ev.eventID) ?? []), item.id]);
        }
      } else {
        masterItems.push(item.id);
        const key = `${item.entity}:${item.entity_id}`;
        if (!seen.has(key)) {
          entities.push({ entity: item.entity!, id: item.entity_id! });
          seen.add(key);
        }
      }
    }
    const document = epcisDocument(events, { creationDate: now(), masterData: builder.masterData(entities) });
    return { document, eventItems, masterItems, eventCount: events.length, items };
  }

  const learnt = adapter.learntMediaType?.();
  if (learnt) rememberMediaType(db, portal.id, learnt);
  const counts = countByStatus(db, portal.id);
  const outcome: SyncOutcome['outcome'] = stopError
    ? stopError.action === 'retry'
      ? 'stopped'
      : 'failed'
    : progress.rejected > 0
      ? 'partial'
      : 'done';
  let error: SyncOutcome['error'] = null;
  if (stopError) {
    const code =
      stopError.action === 'auth'
        ? 'PORTAL_AUTH_STOPPED'
        : stopError.action === 'retry'
          ? 'PORTAL_GAVE_UP'
          : stopError.code;
    const params =
      stopError.action === 'retry'
        ? { detail: errorMessage(stopError.code, stopError.params, 'vi') }
        : stopError.params;
    const paramsEn =
      stopError.action === 'retry'
        ? { detail: errorMessage(stopError.code, stopError.params, 'en') }
        : stopError.params;
    error = { code, message: errorMessage(code, params, 'vi'), messageEn: errorMessage(code, paramsEn, 'en') };
  }
  q(
    db,
    'UPDATE sync_runs SET finished_at = ?, outcome = ?, sent = ?, accepted = ?, rejected = ?, error_code = ?, message = ? WHERE id = ?',
  ).run(
    now(),
    outcome,
    progress.sent,
    progress.accepted,
    progress.rejected,
    error?.code ?? null,
    error?.message ?? null,
    runId,
  );
  q(db, 'UPDATE portals SET last_sync_at = ?, last_sync_result = ? WHERE id = ?').run(now(), outcome, portal.id);
  progress.phase = 'finished';
  progress.message = error?.message ?? null;
  report();
  return { outcome, sent: progress.sent, accepted: progress.accepted, rejected: progress.rejected, counts, error };
}

/** Retries retryable errors with exponential backoff and jitter; Retry-After wins when the server gives one. */
async function withRetry<T>(
  fn: () => Promise<T>,
  opts: SyncOptions,
  progress: SyncProgress,
  report: () => void,
): Promise<T> {
  const base = opts.baseDelayMs ?? 1000;
  const cap = opts.maxDelayMs ?? 60_000;
  const max = opts.maxAttempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof SyncError) || err.action !== 'retry' || attempt >= max || opts.signal?.aborted) throw err;
      const backoff = Math.min(cap, base * 2 ** (attempt - 1));
      const wait = err.retryAfterMs ?? Math.round(backoff / 2 + Math.random() * (backoff / 2));
      progress.phase = 'waiting';
      progress.message = errorMessage(err.code, err.params, 'vi');
      report();
      await sleep(Math.min(wait, cap), opts.signal);
      progress.phase = 'sending';
    }
  }
}
