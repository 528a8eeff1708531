// Traceability completeness of recent records: each check counts records that pass and lists the ones
// that do not, with the record to open to fix it. Read through the date indexes of each document table:
// CROSS JOIN keeps the document table first (SQLite never reorders it), so a check reads the window's
// records and not every event of the file (test/integration/scale.test.ts). Each check is one pass inside
// SQLite that counts and collects the failing records in order: the window's rows never cross into
// JavaScript one by one (at 100,000 batches a month holds ~8,000 of them).
import {
  COMPLETENESS_CHECKS,
  type Completeness,
  type CompletenessCheck,
  type CompletenessGap,
} from '../../shared/api/trace';
import { tw } from '../../shared/i18n/trace';
import type { Lang } from '../../shared/i18n/messages';
import { addDays } from '../../shared/domain/lots';
import type { Db } from '../store/db';
import { net, stmt } from './queries';

/** Rows of a check: `id`, `label`, `ok`, and the order of its gaps (`d` then `i`, newest first). */
const ROWS: Record<CompletenessCheck, { entity: CompletenessGap['entity']; sql: string }> = {
  // Every recent batch consumed at least one lot (an input recorded without its lot is no input at all).
  batchInputs: {
    entity: 'batch',
    sql: `SELECT b.id, b.code AS label, b.production_date AS d, b.id AS i,
      EXISTS (SELECT 1 FROM events e JOIN event_lines i ON i.event_id = e.id AND i.role = 'input' AND i.corrects_line_id IS NULL
              WHERE e.doc_type = 'batch' AND e.doc_id = b.id AND ${net('i')} > 0) AS ok
      FROM batches b WHERE b.production_date >= ? AND b.production_date <= ?`,
  },
  // Every output lot of a recent batch has a quantity.
  outputQty: {
    entity: 'lot',
    sql: `SELECT l.id, l.code || ' (' || b.code || ')' AS label, b.production_date AS d, l.id AS i, ${net('o')} > 0 AS ok
      FROM batches b CROSS JOIN events e ON e.doc_type = 'batch' AND e.doc_id = b.id
      JOIN event_lines o ON o.event_id = e.id AND o.role = 'output' AND o.corrects_line_id IS NULL
      JOIN lots l ON l.id = o.lot_id
      WHERE b.production_date >= ? AND b.production_date <= ?`,
  },
  // Every recent customer shipment names its customer and at least one lot with a quantity.
  shipmentLots: {
    entity: 'shipment',
    sql: `SELECT s.id, COALESCE(s.document_ref, '#' || s.id) AS label, s.ship_date AS d, s.id AS i,
      (s.customer_id IS NOT NULL AND EXISTS (SELECT 1 FROM events e JOIN event_lines x ON x.event_id = e.id AND x.role = 'object' AND x.corrects_line_id IS NULL
              WHERE e.doc_type = 'shipment' AND e.doc_id = s.id AND ${net('x')} > 0)) AS ok
      FROM shipments s WHERE s.kind = 'customer' AND s.ship_date >= ? AND s.ship_date <= ?`,
  },
  // Every lot received recently has its supplier and the supplier's lot code (one step back).
  receiptSupplier: {
    entity: 'lot',
    sql: `SELECT DISTINCT l.id, l.code AS label, 0 AS d, l.id AS i,
      (COALESCE(l.supplier_id, e.source_partner_id) IS NOT NULL AND COALESCE(trim(l.supplier_lot_code), '') <> '') AS ok
      FROM receipts r CROSS JOIN events e ON e.doc_type = 'receipt' AND e.doc_id = r.id
      JOIN event_lines x ON x.event_id = e.id AND x.role = 'object' AND x.corrects_line_id IS NULL
      JOIN lots l ON l.id = x.lot_id
      WHERE r.receipt_date >= ? AND r.receipt_date <= ?`,
  },
};

const checkSql = (rows: string) =>
  `SELECT count(*) AS n, total(coalesce(ok, 0) <> 0) AS passed,
     json_group_array(json_array(id, label) ORDER BY d DESC, i DESC) FILTER (WHERE NOT coalesce(ok, 0)) AS gaps
   FROM (${rows})`;
const QUERIES = Object.fromEntries(
  COMPLETENESS_CHECKS.map((k) => [k, { entity: ROWS[k].entity, sql: checkSql(ROWS[k].sql) }]),
) as Record<CompletenessCheck, { entity: CompletenessGap['entity']; sql: string }>;

type CheckRow = { n: number; passed: number; gaps: string };

export function completeness(db: Db, today: string, days: number, limit: number, lang: Lang): Completeness {
  const from = addDays(today, -days);
  const checks: Completeness['checks'] = [];
  const gaps: CompletenessGap[] = [];
  let total = 0;
  let passed = 0;
  let gapsTotal = 0;
  for (const key of COMPLETENESS_CHECKS) {
    const q = QUERIES[key];
    const r = stmt(db, q.sql).get(from, today) as CheckRow;
    const failing = JSON.parse(r.gaps) as [number, string][];
    for (const [entityId, label] of failing.slice(0, Math.max(0, limit - gaps.length)))
      gaps.push({ check: key, entity: q.entity, entityId, label, message: tw(lang, `gap_${key}`, { label }) });
    gapsTotal += failing.length;
    checks.push({ key, total: r.n, passed: r.passed, label: tw(lang, `check_${key}`) });
    total += r.n;
    passed += r.passed;
  }
  return { from, to: today, score: total ? Math.floor((100 * passed) / total) : null, checks, gaps, gapsTotal };
}
