// Recall (thu hồi) and mock recall drills. A recall is a record (migration 005) around events: putting
// lots on hold and lifting the hold are status events written by the lots service (`setStatus`), one
// per lot, carrying the recall reference in data.recallRef.
import type { PartialHandlers, ServiceContext } from '../core';
import { AppError } from '../../../shared/api/errors';
import {
  RECALL_STEPS,
  type Drill,
  type DrillDetail,
  type Recall,
  type RecallDetail,
  type RecallStep,
  type ResolvedLot,
} from '../../../shared/api/trace';
import { nowIso } from '../../clock';
import { resolveLots } from '../../trace/resolve';
import { recallScope } from '../../trace/recall';
import { stmt } from '../../trace/queries';
import { fileOf, recallPdf, recallXlsx } from '../../trace/export';
import { writeStatus } from './lots';

type RecallRow = {
  id: number;
  ref: string;
  reason: string;
  roots_key: string;
  started_at: string;
  started_by: string;
  hold_at: string | null;
  hold_by: string | null;
  hold_event_id: number | null;
  isolate_at: string | null;
  isolate_by: string | null;
  contact_at: string | null;
  contact_by: string | null;
  export_at: string | null;
  export_by: string | null;
  lifted_at: string | null;
  lifted_by: string | null;
  lift_reason: string | null;
  lift_event_id: number | null;
};

function recallRow(ctx: ServiceContext, id: number): RecallRow {
  const r = stmt(ctx.db, 'SELECT * FROM recalls WHERE id = ?').get(id) as RecallRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', { entity: 'recall', id });
  return r;
}

function rootsOf(ctx: ServiceContext, recallId: number): ResolvedLot[] {
  const ids = (
    stmt(ctx.db, 'SELECT lot_id FROM recall_lots WHERE recall_id = ? AND is_root = 1 ORDER BY lot_id').all(
      recallId,
    ) as { lot_id: number }[]
  ).map((r) => r.lot_id);
  return resolveLots(ctx.db, { lotIds: ids }, ctx.lang);
}

const elapsed = (from: string, to: string | null) => (to ? Math.max(0, Date.parse(to) - Date.parse(from)) : undefined);

function toRecall(ctx: ServiceContext, r: RecallRow, counts?: { lots: number; customers: number }): Recall {
  const steps = RECALL_STEPS.map((key) => ({ key, doneAt: r[`${key}_at`], user: r[`${key}_by`] }));
  const elapsedMs: Recall['elapsedMs'] = {};
  for (const s of steps) {
    const e = elapsed(r.started_at, s.doneAt);
    if (e !== undefined) elapsedMs[s.key] = e;
  }
  const held = (
    stmt(ctx.db, 'SELECT count(*) AS n FROM recall_lots WHERE recall_id = ? AND held = 1').get(r.id) as { n: number }
  ).n;
  return {
    id: r.id,
    ref: r.ref,
    status: r.lifted_at ? 'lifted' : 'open',
    reason: r.reason,
    startedAt: r.started_at,
    startedBy: r.started_by,
    roots: rootsOf(ctx, r.id),
    steps,
    heldLots: held,
    holdEventId: r.hold_event_id,
    liftedAt: r.lifted_at,
    liftReason: r.lift_reason,
    liftEventId: r.lift_event_id,
    elapsedMs,
    lotsCount: counts?.lots ?? 0,
    customersCount: counts?.customers ?? 0,
  };
}

function detail(ctx: ServiceContext, id: number): RecallDetail {
  const r = recallRow(ctx, id);
  const roots = rootsOf(ctx, id);
  const scope = recallScope(
    ctx.db,
    roots.map((x) => x.id),
    nowIso(ctx.clock),
  );
  return { ...toRecall(ctx, r, { lots: scope.totals.lots, customers: scope.totals.customers }), scope };
}

/** TH-YYMMDD-NN: the day's next number. */
function nextRef(ctx: ServiceContext): string {
  const d = nowIso(ctx.clock);
  const prefix = `TH-${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}-`;
  const n = (
    stmt(ctx.db, "SELECT count(*) AS n FROM recalls WHERE ref >= ? AND ref < ? || '~'").get(prefix, prefix) as {
      n: number;
    }
  ).n;
  for (let i = n + 1; ; i++) {
    const ref = `${prefix}${String(i).padStart(2, '0')}`;
    if (!stmt(ctx.db, 'SELECT 1 FROM recalls WHERE ref = ?').get(ref)) return ref;
  }
}

function assertOpen(r: RecallRow): void {
  if (r.lifted_at) throw new AppError('RECALL_LIFTED', { ref: r.ref }, { status: 409 });
}

/** Puts every affected lot that is still available on hold: one status event per lot, with the recall ref. */
function hold(ctx: ServiceContext, id: number): void {
  const r = recallRow(ctx, id);
  assertOpen(r);
  const roots = rootsOf(ctx, id).map((x) => x.id);
  const scope = recallScope(ctx.db, roots, nowIso(ctx.clock));
  let firstEvent: number | null = r.hold_event_id;
  const mark = stmt(
    ctx.db,
    'INSERT INTO recall_lots (recall_id, lot_id, held) VALUES (?, ?, 1) ON CONFLICT (recall_id, lot_id) DO UPDATE SET held = 1',
  );
  for (const lot of scope.lots) {
    // Lots already on hold, recalled, destroyed… keep their status: holding twice is not two holds.
    if (lot.status !== 'available') continue;
    const ev = writeStatus(ctx, {
      lotIds: [lot.id],
      status: 'on_hold',
      reason: `${r.ref}: ${r.reason}`,
      recallRef: r.ref,
      requestKey: `recall:${r.id}:hold:${lot.id}`,
    });
    firstEvent ??= ev;
    mark.run(id, lot.id);
  }
  if (!r.hold_at)
    stmt(ctx.db, 'UPDATE recalls SET hold_at = ?, hold_by = ?, hold_event_id = ? WHERE id = ?').run(
      nowIso(ctx.clock),
      ctx.user,
      firstEvent,
      id,
    );
}

function start(
  ctx: ServiceContext,
  p: { lots?: string[]; lotIds?: number[]; reason: string; ref: string | null; hold?: boolean },
): RecallDetail {
  const roots = resolveLots(ctx.db, p, ctx.lang);
  const key = roots
    .map((x) => x.id)
    .sort((a, b) => a - b)
    .join(',');
  // The same lots recalled again while the first recall is open: it is the same recall.
  const open = stmt(ctx.db, 'SELECT id FROM recalls WHERE roots_key = ? AND lifted_at IS NULL').get(key) as
    { id: number } | undefined;
  let id = open?.id;
  if (!id) {
    const ref = p.ref ?? nextRef(ctx);
    if (stmt(ctx.db, 'SELECT 1 FROM recalls WHERE ref = ?').get(ref))
      throw new AppError(
        'RECALL_REF_TAKEN',
        { ref },
        { status: 409, fields: [{ path: 'ref', code: 'RECALL_REF_TAKEN', params: { ref } }] },
      );
    id = Number(
      stmt(ctx.db, 'INSERT INTO recalls (ref, reason, roots_key, started_at, started_by) VALUES (?, ?, ?, ?, ?)').run(
        ref,
        p.reason,
        key,
        nowIso(ctx.clock),
        ctx.user,
      ).lastInsertRowid,
    );
    const ins = stmt(ctx.db, 'INSERT INTO recall_lots (recall_id, lot_id, is_root) VALUES (?, ?, 1)');
    for (const r of roots) ins.run(id, r.id);
  }
  if (p.hold) hold(ctx, id);
  return detail(ctx, id);
}

function lift(ctx: ServiceContext, id: number, reason: string): RecallDetail {
  const r = recallRow(ctx, id);
  assertOpen(r);
  const held = stmt(
    ctx.db,
    `SELECT rl.lot_id AS id, l.status FROM recall_lots rl JOIN lots l ON l.id = rl.lot_id WHERE rl.recall_id = ? AND rl.held = 1 ORDER BY rl.lot_id`,
  ).all(id) as { id: number; status: string }[];
  if (!held.length) throw new AppError('RECALL_NOT_HELD', { ref: r.ref }, { status: 409 });
  let firstEvent: number | null = null;
  for (const lot of held) {
    // Only what this recall held and is still on hold: a lot destroyed or recalled since stays so.
    if (lot.status !== 'on_hold') continue;
    const ev = writeStatus(ctx, {
      lotIds: [lot.id],
      status: 'available',
      reason: `${r.ref}: ${reason}`,
      recallRef: r.ref,
      requestKey: `recall:${r.id}:lift:${lot.id}`,
    });
    firstEvent ??= ev;
  }
  stmt(ctx.db, 'UPDATE recalls SET lifted_at = ?, lifted_by = ?, lift_reason = ?, lift_event_id = ? WHERE id = ?').run(
    nowIso(ctx.clock),
    ctx.user,
    reason,
    firstEvent,
    id,
  );
  return detail(ctx, id);
}

function check(
  ctx: ServiceContext,
  id: number,
  step: Extract<RecallStep, 'isolate' | 'contact'>,
  done: boolean,
): Recall {
  const r = recallRow(ctx, id);
  assertOpen(r);
  stmt(ctx.db, `UPDATE recalls SET ${step}_at = ?, ${step}_by = ? WHERE id = ?`).run(
    done ? nowIso(ctx.clock) : null,
    done ? ctx.user : null,
    id,
  );
  return toRecall(ctx, recallRow(ctx, id));
}

function exportRecall(ctx: ServiceContext, id: number, format: 'xlsx' | 'pdf') {
  const r = recallRow(ctx, id);
  const at = nowIso(ctx.clock);
  // The first export completes the checklist's last step; later exports are copies.
  if (!r.export_at) stmt(ctx.db, 'UPDATE recalls SET export_at = ?, export_by = ? WHERE id = ?').run(at, ctx.user, id);
  const d = detail(ctx, id);
  const name = `thu-hoi-${d.ref.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  return format === 'xlsx'
    ? fileOf(name, 'xlsx', recallXlsx(d, ctx.lang, at, ctx.user))
    : fileOf(name, 'pdf', recallPdf(d, ctx.lang, at, ctx.user));
}

// ---------- drills ----------
type DrillRow = {
  id: number;
  root_lot_ids: string;
  started_at: string;
  started_by: string;
  trainer: string | null;
  note: string | null;
  confirmed_at: string | null;
  duration_ms: number | null;
  lots_count: number | null;
  customers_count: number | null;
  lots_with_stock: number | null;
  evidence: string | null;
};

function drillRow(ctx: ServiceContext, id: number): DrillRow {
  const r = stmt(ctx.db, 'SELECT * FROM recall_drills WHERE id = ?').get(id) as DrillRow | undefined;
  if (!r) throw new AppError('NOT_FOUND', { entity: 'drill', id });
  return r;
}

function toDrill(ctx: ServiceContext, r: DrillRow): Drill {
  return {
    id: r.id,
    startedAt: r.started_at,
    startedBy: r.started_by,
    trainer: r.trainer,
    note: r.note,
    roots: resolveLots(ctx.db, { lotIds: JSON.parse(r.root_lot_ids) as number[] }, ctx.lang),
    confirmedAt: r.confirmed_at,
    durationMs: r.duration_ms,
    lotsCount: r.lots_count,
    customersCount: r.customers_count,
    lotsWithStock: r.lots_with_stock,
  };
}

const drillDetail = (ctx: ServiceContext, r: DrillRow): DrillDetail => ({
  ...toDrill(ctx, r),
  evidence: r.evidence ? (JSON.parse(r.evidence) as DrillDetail['evidence']) : null,
});

function confirmDrill(ctx: ServiceContext, id: number): DrillDetail {
  const r = drillRow(ctx, id);
  if (r.confirmed_at)
    throw new AppError('DRILL_CONFIRMED', { at: r.confirmed_at.slice(0, 16).replace('T', ' ') }, { status: 409 });
  const at = nowIso(ctx.clock);
  const scope = recallScope(ctx.db, JSON.parse(r.root_lot_ids) as number[], at);
  // The evidence is frozen: what was found at the moment the scope was confirmed.
  const evidence = {
    lots: scope.lots.map((l) => ({ code: l.code, productCode: l.productCode, balance: l.balance, unit: l.unit })),
    customers: scope.customers.map((c) => ({ name: c.partner.name, phone: c.partner.phone, email: c.partner.email })),
  };
  stmt(
    ctx.db,
    'UPDATE recall_drills SET confirmed_at = ?, duration_ms = ?, lots_count = ?, customers_count = ?, lots_with_stock = ?, evidence = ? WHERE id = ?',
  ).run(
    at,
    Math.max(0, ctx.clock.now().getTime() - Date.parse(r.started_at)),
    scope.totals.lots,
    scope.totals.customers,
    scope.totals.lotsWithStock,
    JSON.stringify(evidence),
    id,
  );
  return drillDetail(ctx, drillRow(ctx, id));
}

export const recallHandlers: PartialHandlers = {
  'recall.scope': (p, ctx) =>
    recallScope(
      ctx.db,
      resolveLots(ctx.db, p, ctx.lang).map((x) => x.id),
      nowIso(ctx.clock),
    ),
  'recall.start': (p, ctx) => start(ctx, p),
  'recall.get': (p, ctx) => detail(ctx, p.id),
  'recall.list': (p, ctx) => {
    const rows = stmt(
      ctx.db,
      `SELECT * FROM recalls WHERE (? IS NULL OR (? = 'open') = (lifted_at IS NULL)) ORDER BY started_at DESC, id DESC LIMIT 500`,
    ).all(p.status ?? null, p.status ?? null) as RecallRow[];
    return rows.map((r) => {
      // An open recall counts from today's trace, so a shipment recorded a moment ago is among its
      // customers (the home card says whom to call); a lifted one keeps the lots it held.
      if (!r.lifted_at) {
        const scope = recallScope(
          ctx.db,
          rootsOf(ctx, r.id).map((x) => x.id),
          nowIso(ctx.clock),
        );
        return toRecall(ctx, r, { lots: scope.totals.lots, customers: scope.totals.customers });
      }
      const held = stmt(ctx.db, 'SELECT count(*) AS n FROM recall_lots WHERE recall_id = ?').get(r.id) as { n: number };
      return toRecall(ctx, r, { lots: held.n, customers: 0 });
    });
  },
  'recall.hold': (p, ctx) => {
    hold(ctx, p.id);
    return detail(ctx, p.id);
  },
  'recall.check': (p, ctx) => check(ctx, p.id, p.step, p.done),
  'recall.export': (p, ctx) => exportRecall(ctx, p.id, p.format),
  'recall.lift': (p, ctx) => lift(ctx, p.id, p.reason),

  'drill.start': (p, ctx) => {
    const roots = resolveLots(ctx.db, p, ctx.lang);
    const id = Number(
      stmt(
        ctx.db,
        'INSERT INTO recall_drills (root_lot_ids, started_at, started_by, trainer, note) VALUES (?, ?, ?, ?, ?)',
      ).run(JSON.stringify(roots.map((r) => r.id)), nowIso(ctx.clock), ctx.user, p.trainer, p.note).lastInsertRowid,
    );
    return toDrill(ctx, drillRow(ctx, id));
  },
  'drill.confirm': (p, ctx) => confirmDrill(ctx, p.id),
  'drill.get': (p, ctx) => drillDetail(ctx, drillRow(ctx, p.id)),
  'drill.list': (p, ctx) =>
    (
      stmt(ctx.db, 'SELECT * FROM recall_drills ORDER BY started_at DESC, id DESC LIMIT ?').all(p.limit) as DrillRow[]
    ).map((r) => toDrill(ctx, r)),
};
