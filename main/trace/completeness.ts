// Traceability completeness of recent records: each check counts records that pass and lists the ones
// that do not, with the record to open to fix it. Read through the date indexes of each document table:
// CROSS JOIN keeps the document table first (SQLite never reorders it), so a check reads the window's
// records and not every event of the file (test/integration/query-plans.test.ts).
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

type Row = { id: number; label: string; ok: number };

const QUERIES: Record<CompletenessCheck, { entity: CompletenessGap['entity']; sql: string }> = {
  // Every recent batch consumed at least one lot (an input recorded without its lot is no input at all).
  batchInputs: {
    entity: 'batch',
    sql: `SELECT b.id, b.code AS label,
      EXISTS (SELECT 1 FROM events e JOIN event_lines i ON i.event_id = e.id AND i.role = 'input' AND i.corrects_line_id IS NULL
              WHERE e.doc_type = 'batch' AND e.doc_id = b.id AND ${net('i')} > 0) AS ok
      FROM batches b WHERE b.production_date >= ? AND b.production_date <= ? ORDER BY b.production_date DESC, b.id DESC`,
  },
  // Every output lot of a recent batch has a quantity.
  outputQty: {
    entity: 'lot',
    sql: `SELECT l.id, l.code || ' (' || b.code || ')' AS label, ${net('o')} > 0 AS ok
      FROM batches b CROSS JOIN events e ON e.doc_type = 'batch' AND e.doc_id = b.id
      JOIN event_lines o ON o.event_id = e.id AND o.role = 'output' AND o.corrects_line_id IS NULL
      JOIN lots l ON l.id = o.lot_id
      WHERE b.production_date >= ? AND b.production_date <= ? ORDER BY b.production_date DESC, l.id DESC`,
  },
  // Every recent customer shipment names its customer and at least one lot with a quantity.
  shipmentLots: {
    entity: 'shipment',
    sql: `SELECT s.id, COALESCE(s.document_ref, '#' || s.id) AS label,
      (s.customer_id IS NOT NULL AND EXISTS (SELECT 1 FROM events e JOIN event_lines x ON x.event_id = e.id AND x.role = 'object' AND x.corrects_line_id IS NULL
              WHERE e.doc_type = 'shipment' AND e.doc_id = s.id AND ${net('x')} > 0)) AS ok
      FROM shipments s WHERE s.kind = 'customer' AND s.ship_date >= ? AND s.ship_date <= ? ORDER BY s.ship_date DESC, s.id DESC`,
  },
  // Every lot received recently has its supplier and the supplier's lot code (one step back).
  receiptSupplier: {
    entity: 'lot',
    sql: `SELECT DISTINCT l.id, l.code AS label,
      (COALESCE(l.supplier_id, e.source_partner_id) IS NOT NULL AND COALESCE(trim(l.supplier_lot_code), '') <> '') AS ok
      FROM receipts r CROSS JOIN events e ON e.doc_type = 'receipt' AND e.doc_id = r.id
      JOIN event_lines x ON x.event_id = e.id AND x.role = 'object' AND x.corrects_line_id IS NULL
      JOIN lots l ON l.id = x.lot_id
      WHERE r.receipt_date >= ? AND r.receipt_date <= ? ORDER BY l.id DESC`,
  },
};

export function completeness(db: Db, today: string, days: number, limit: number, lang: Lang): Completeness {
  const from = addDays(today, -days);
  const checks: Completeness['checks'] = [];
  const gaps: CompletenessGap[] = [];
  let total = 0;
  let passed = 0;
  let gapsTotal = 0;
  for (const key of COMPLETENESS_CHECKS) {
    const q = QUERIES[key];
    let n = 0;
    let ok = 0;
    // iterate(): the rows stream, so a year of records is counted without holding it in memory.
    for (const r of stmt(db, q.sql).iterate(from, today) as IterableIterator<Row>) {
      n++;
      if (r.ok) ok++;
      else {
        gapsTotal++;
        if (gaps.length < limit)
          gaps.push({
            check: key,
            entity: q.entity,
            entityId: r.id,
            label: r.label,
            message: tw(lang, `gap_${key}`, { label: r.label }),
          });
      }
    }
    checks.push({ key, total: n, passed: ok, label: tw(lang, `check_${key}`) });
    total += n;
    passed += ok;
  }
  return { from, to: today, score: total ? Math.floor((100 * passed) / total) : null, checks, gaps, gapsTotal };
}
