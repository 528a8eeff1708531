// Trace handlers: backward/forward trace, lot look-up, exports and the completeness score.
import type { PartialHandlers, ServiceContext } from '../core';
import { TRACE_MAX_LOTS, type ExportFile, type ResolvedLot, type TraceDirection } from '../../../shared/api/trace';
import { nowIso, todayLocal } from '../../clock';
import { resolveLots, findLots } from '../../trace/resolve';
import { runTrace } from '../../trace/trace';
import { completeness } from '../../trace/completeness';
import { recallHandlers } from './recall';
import { fileOf, traceCsv, traceXlsx, tracePdf, type FullTrace, type PdfBusiness } from '../../trace/export';
import { q } from '../../store/statements';

/** Every lot of a trace (all pages), for the exported files. */
export function fullTrace(ctx: ServiceContext, roots: ResolvedLot[], direction: TraceDirection): FullTrace {
  return runTrace(ctx.db, roots, {
    direction,
    limit: TRACE_MAX_LOTS,
    offset: 0,
    generatedAt: nowIso(ctx.clock),
    user: ctx.user,
  });
}

function exportName(prefix: string, roots: ResolvedLot[], at: string): string {
  const first = roots[0]?.code.replace(/[^A-Za-z0-9._-]/g, '_') ?? 'lot';
  return `${prefix}-${first}${roots.length > 1 ? `-${roots.length}` : ''}-${at.slice(0, 16).replace(/[-:T]/g, '')}`;
}

export function traceExport(
  ctx: ServiceContext,
  roots: ResolvedLot[],
  direction: TraceDirection,
  format: 'xlsx' | 'csv' | 'pdf',
): ExportFile {
  const t = fullTrace(ctx, roots, direction);
  const name = exportName('truy-xuat', roots, t.generatedAt);
  if (format === 'xlsx') return fileOf(name, 'xlsx', traceXlsx(t, ctx.lang));
  if (format === 'csv') return fileOf(name, 'csv', traceCsv(t, ctx.lang));
  const business = q(ctx.db, 'SELECT name, tax_code AS taxCode, address FROM business WHERE id = 1').get() as
    PdfBusiness | undefined;
  return fileOf(name, 'pdf', tracePdf(t, ctx.lang, business));
}

export const traceHandlers: PartialHandlers = {
  'trace.run': (p, ctx) => {
    const roots = resolveLots(ctx.db, p, ctx.lang);
    return runTrace(ctx.db, roots, {
      direction: p.direction,
      limit: p.limit,
      offset: p.offset,
      group: p.group,
      generatedAt: nowIso(ctx.clock),
      user: ctx.user,
    });
  },
  'trace.resolve': (p, ctx) => resolveLots(ctx.db, p, ctx.lang),
  'trace.findLots': (p, ctx) => findLots(ctx.db, p.q, p.limit),
  'trace.export': (p, ctx) => traceExport(ctx, resolveLots(ctx.db, p, ctx.lang), p.direction, p.format),
  'trace.completeness': (p, ctx) => completeness(ctx.db, todayLocal(ctx.clock), p.days, p.limit, ctx.lang),
};

/** Trace, recall and drill handlers joined, so main/core/index.ts adds them in one line. */
export const traceFeatureHandlers: PartialHandlers = { ...traceHandlers, ...recallHandlers };
