// The audit log: the screen's list and export, and the entries the core writes for actions whose
// services do not write their own (status changes, corrections, recalls, prints, syncs, exports,
// overrides), so who/when/what is always there. Services keep writing detailed before/after entries
// with `audit()` from ./records; the core only adds one when the call wrote none.
import type { AuditEntry } from '../../../shared/api/audit';
import type { ApiParsed } from '../../../shared/api/contract';
import type { Access } from '../../../shared/api/method';
import { nowIso } from '../../clock';
import { writeCsv, writeXlsxSync } from '../../trace/xlsx';
import type { PartialHandlers, ServiceContext } from '../core';

import { auditActionWords, auditChangesText } from '../../../shared/i18n/audit';
import { forAudit } from './records';
import { listPage } from './paging';
import { q, qv } from '../../store/statements';
import type { Db } from '../../store/db';

export { audit } from './records';

/** Write methods always audited by the core when their service wrote no entry itself. */
const AUDITED_WRITES =
  /^(lots\.setStatus|events\.(correct|reverse)|recall\.|drill\.|stock\.rebuild|settings\.|business\.|imports\.commit|workshop\.)|print|sync|portal|label/i;
/** Read methods that hand data out of the app (exports, printouts, backups, restores, resets). */
export const AUDITED_READS = /export|print|pdf|^backup\.(create|restore)$|^workshop\.reset$/i;

/** Drops file contents and images from what is kept in the log (they can be megabytes). */
function compactInput(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (/^(base64|image|logo)$/.test(k)) continue;
    out[k] = typeof v === 'string' && v.length > 500 ? `${v.slice(0, 500)}…` : v;
  }
  return out;
}

/** True when any line of the input asks to override a rule (`override: {reason}`, `overrideX: true`…). */
export function hasOverride(input: unknown): boolean {
  if (Array.isArray(input)) return input.some(hasOverride);
  if (!input || typeof input !== 'object') return false;
  return Object.entries(input as Record<string, unknown>).some(
    ([k, v]) =>
      (/^override/i.test(k) && (v === true || (typeof v === 'string' && v !== '') || (!!v && typeof v === 'object'))) ||
      hasOverride(v),
  );
}

export function lastAuditId(ctx: ServiceContext): number {
  return (qv(ctx.db, 'SELECT coalesce(max(id), 0) FROM audit_log').get() as number) ?? 0;
}

/** Called by the core after a successful call (inside the write's transaction for writes). */
export function auditCall(
  ctx: ServiceContext,
  method: string,
  access: Access,
  input: unknown,
  result: unknown,
  idBefore: number | null,
): void {
  const override = hasOverride(input);
  const wanted = access === 'write' ? AUDITED_WRITES.test(method) || override : AUDITED_READS.test(method);
  if (!wanted) return;
  if (idBefore !== null && lastAuditId(ctx) > idBefore) return; // the service wrote its own entry
  const r = result && typeof result === 'object' ? (result as Record<string, unknown>) : {};
  const entityId = typeof r.id === 'number' || typeof r.id === 'string' ? String(r.id) : null;
  const after = {
    input: compactInput(forAudit(ctx, input)),
    ...(typeof r.fileName === 'string' ? { fileName: r.fileName } : {}),
  };
  q(
    ctx.db,
    'INSERT INTO audit_log (at, user, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, NULL, ?)',
  ).run(
    nowIso(ctx.clock),
    ctx.user,
    override ? `${method} (override)` : method,
    method.split('.')[0],
    entityId,
    JSON.stringify(after),
  );
}

type Filter = ApiParsed<'audit.export'> | ApiParsed<'audit.list'>;

function where(f: Filter): { sql: string; conditions: string[]; args: unknown[] } {
  const w: string[] = [];
  const args: unknown[] = [];
  // Times are stored with their offset (+07:00), so a date prefix compares as the local day.
  if (f.from) {
    w.push('at >= ?');
    args.push(f.from);
  }
  if (f.to) {
    w.push('at < ?');
    args.push(`${f.to}T99`);
  }
  if (f.user) {
    w.push('user = ?');
    args.push(f.user);
  }
  if (f.action) {
    w.push('(action = ? OR action LIKE ?)');
    args.push(f.action, `${f.action}.%`);
  }
  if (f.entity) {
    w.push('entity = ?');
    args.push(f.entity);
  }
  if (f.entityId) {
    w.push('entity_id = ?');
    args.push(f.entityId);
  }
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    w.push(
      "(coalesce(before,'') LIKE ? ESCAPE '\\' OR coalesce(after,'') LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\')",
    );
    args.push(like, like, like);
  }
  return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', conditions: w, args };
}

type Row = {
  id: number;
  at: string;
  user: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
};
const parse = (s: string | null) => {
  if (s === null) return null;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
};
const toEntry = (r: Row): AuditEntry => ({
  id: r.id,
  at: r.at,
  user: r.user,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  before: parse(r.before),
  after: parse(r.after),
});

const EXPORT_MAX = 200_000;
/** Longest text of a before/after value on the screen's list; the export carries it whole. */
const LIST_TEXT_MAX = 300;

/** Long texts (descriptions, pasted documents) cut in the list, so a page stays small whatever was logged. */
function compactValue(v: unknown): unknown {
  if (typeof v === 'string') return v.length > LIST_TEXT_MAX ? `${v.slice(0, LIST_TEXT_MAX)}…` : v;
  if (Array.isArray(v)) return v.slice(0, 50).map(compactValue);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, compactValue(x)]));
  return v;
}
const compactEntry = (e: AuditEntry): AuditEntry => ({
  ...e,
  before: compactValue(e.before),
  after: compactValue(e.after),
});

/** The name a reader knows a record by ("Hạt điều rang", lot "L-01"), looked up now for the page's rows. */
const NAME_SQL: Record<string, string> = {
  business: 'SELECT name FROM business WHERE id = ?',
  user: 'SELECT name FROM users WHERE id = ?',
  product: 'SELECT name FROM products WHERE id = ?',
  partner: 'SELECT name FROM partners WHERE id = ?',
  location: 'SELECT name FROM locations WHERE id = ?',
  recipe: 'SELECT name FROM recipes WHERE id = ?',
  lot: 'SELECT code FROM lots WHERE id = ?',
  printer: 'SELECT name FROM printers WHERE id = ?',
  label_template: 'SELECT name FROM label_templates WHERE id = ?',
};

function entityName(db: Db, entity: string, id: string | null): string | null {
  const sql = NAME_SQL[entity];
  if (!sql || id === null || !/^\d+$/.test(id)) return null;
  return (qv(db, sql).get(Number(id)) as string | undefined) ?? null;
}

function withNames<T extends { items: AuditEntry[] }>(db: Db, page: T): T {
  return { ...page, items: page.items.map((e) => ({ ...e, entityName: entityName(db, e.entity, e.entityId) })) };
}

export const auditHandlers: PartialHandlers = {
  'audit.list': (p, ctx) => {
    const w = where(p);
    const page = listPage(
      ctx.db,
      {
        select: '*',
        from: 'FROM audit_log',
        where: w.conditions,
        args: w.args,
        order: 'id DESC',
        limit: p.limit ?? 100,
        offset: p.offset ?? 0,
      },
      (r) => compactEntry(toEntry(r as Row)),
    );
    return withNames(ctx.db, page);
  },
  'audit.facets': (_p, ctx) => ({
    users: qv(ctx.db, 'SELECT DISTINCT user FROM audit_log ORDER BY user').all() as string[],
    actions: qv(ctx.db, 'SELECT DISTINCT action FROM audit_log ORDER BY action').all() as string[],
    entities: qv(ctx.db, 'SELECT DISTINCT entity FROM audit_log ORDER BY entity').all() as string[],
  }),
  'audit.export': (p, ctx) => {
    const w = where(p);
    const rows = q(ctx.db, `SELECT * FROM audit_log ${w.sql} ORDER BY id LIMIT ${EXPORT_MAX}`).all(...w.args) as Row[];
    const vi = ctx.lang === 'vi';
    const columns = [
      { header: vi ? 'Số' : 'No.', key: 'id', width: 8 },
      { header: vi ? 'Thời gian' : 'Time', key: 'at', width: 28 },
      { header: vi ? 'Người dùng' : 'User', key: 'user', width: 18 },
      { header: vi ? 'Việc làm' : 'Action', key: 'action', width: 34 },
      { header: vi ? 'Bản ghi' : 'Record', key: 'entity_id', width: 24 },
      { header: vi ? 'Thay đổi' : 'Changes', key: 'changes', width: 70 },
    ];
    // People read the export (inspectors): actions and changes in words, not method names or JSON.
    const data = rows.map((r) => ({
      id: r.id,
      at: r.at,
      user: r.user,
      action: auditActionWords(r.action, r.entity, ctx.lang),
      entity_id: entityName(ctx.db, r.entity, r.entity_id) ?? r.entity_id,
      changes: auditChangesText(parse(r.before), parse(r.after), ctx.lang),
    }));
    const stamp = nowIso(ctx.clock).slice(0, 16).replace(/[-:T]/g, '');
    if (p.format === 'csv') {
      const buf = writeCsv(columns, data);
      return {
        fileName: `nhat-ky-${stamp}.csv`,
        mimeType: 'text/csv; charset=utf-8',
        base64: buf.toString('base64'),
        bytes: buf.length,
      };
    }
    const buf = writeXlsxSync([
      {
        name: vi ? 'Nhật ký' : 'Audit log',
        title: [
          vi
            ? `Nhật ký hoạt động — xuất lúc ${nowIso(ctx.clock)} bởi ${ctx.user}`
            : `Audit log — exported ${nowIso(ctx.clock)} by ${ctx.user}`,
        ],
        columns,
        rows: data,
      },
    ]);
    return {
      fileName: `nhat-ky-${stamp}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: buf.toString('base64'),
      bytes: buf.length,
    };
  },
};
