// Groups of a big trace answer: its lots by side, level and product, with the customers and suppliers each
// group reaches, and which groups feed which. Read in four queries over all reached lots (plain id pairs,
// no details), so a salt lot reaching 14,000 lots gives a dozen boxes the screen can draw at once.
import type { TraceGroup, TraceGroupLink } from '../../shared/api/trace';
import type { Db } from '../store/db';
import { qr } from '../store/statements';
import { stmt, type Reached } from './queries';

const PRODUCTS_SQL = `SELECT l.id, l.product_id FROM lots l WHERE l.id IN (SELECT value FROM json_each(?))`;
const NAMES_SQL = `SELECT id, code, name FROM products WHERE id IN (SELECT value FROM json_each(?))`;
// Input lot → output lot pairs out of the given lots (net quantities do not matter for the shape).
const PAIRS_SQL = `SELECT i.lot_id, o.lot_id FROM event_lines i INDEXED BY event_lines_lot
  JOIN event_lines o INDEXED BY event_lines_event ON o.event_id = i.event_id AND o.role = 'output' AND o.corrects_line_id IS NULL
  WHERE i.lot_id IN (SELECT value FROM json_each(?)) AND i.role = 'input' AND i.corrects_line_id IS NULL`;
const PAIRS_INTO_SQL = `SELECT i.lot_id, o.lot_id FROM event_lines o INDEXED BY event_lines_lot
  JOIN event_lines i INDEXED BY event_lines_event ON i.event_id = o.event_id AND i.role = 'input' AND i.corrects_line_id IS NULL
  WHERE o.lot_id IN (SELECT value FROM json_each(?)) AND o.role = 'output' AND o.corrects_line_id IS NULL`;
// Partners of each lot: customers of its shipments, suppliers of its receipts.
const PARTNERS_SQL = `SELECT x.lot_id, CASE e.kind WHEN 'shipment' THEN e.destination_partner_id END, CASE e.kind WHEN 'receipt' THEN e.source_partner_id END
  FROM event_lines x INDEXED BY event_lines_lot JOIN events e ON e.id = x.event_id AND e.kind IN ('shipment', 'receipt')
  WHERE x.lot_id IN (SELECT value FROM json_each(?)) AND x.role = 'object' AND x.corrects_line_id IS NULL`;

type Pair = [number, number];

export function groupKey(side: 'back' | 'forward', depth: number, productId: number): string {
  return `${side}:${depth}:${productId}`;
}

export function traceGroups(db: Db, rows: Reached[]): { groups: TraceGroup[]; groupLinks: TraceGroupLink[] } {
  const ids = rows.map((r) => r.lotId);
  const json = JSON.stringify(ids);
  const productOf = new Map(qr(db, PRODUCTS_SQL).all(json) as Pair[]);
  const keyOf = new Map<number, string>();
  const groups = new Map<string, TraceGroup & { customerSet: Set<number>; supplierSet: Set<number> }>();
  for (const r of rows) {
    if (r.side === 'root') {
      keyOf.set(r.lotId, 'root');
      continue;
    }
    const productId = productOf.get(r.lotId) ?? 0;
    const key = groupKey(r.side, r.depth, productId);
    keyOf.set(r.lotId, key);
    const g = groups.get(key);
    if (g) g.lots++;
    else
      groups.set(key, {
        key,
        side: r.side,
        depth: r.depth,
        productId,
        productCode: '',
        productName: '',
        lots: 1,
        customers: 0,
        suppliers: 0,
        customerSet: new Set(),
        supplierSet: new Set(),
      });
  }
  const names = new Map(
    (
      stmt(db, NAMES_SQL).all(JSON.stringify([...new Set(productOf.values())])) as {
        id: number;
        code: string;
        name: string;
      }[]
    ).map((p) => [p.id, p]),
  );
  for (const [lotId, customer, supplier] of qr(db, PARTNERS_SQL).all(json) as [
    number,
    number | null,
    number | null,
  ][]) {
    const g = groups.get(keyOf.get(lotId) ?? '');
    if (!g) continue;
    if (customer) g.customerSet.add(customer);
    if (supplier) g.supplierSet.add(supplier);
  }
  // Links run out of root/forward lots and into root/back lots, as in the trace itself.
  const side = new Map(rows.map((r) => [r.lotId, r.side]));
  const outOf = rows.filter((r) => r.side !== 'back').map((r) => r.lotId);
  const into = rows.filter((r) => r.side !== 'forward').map((r) => r.lotId);
  const pairs = [
    ...(outOf.length ? (qr(db, PAIRS_SQL).all(JSON.stringify(outOf)) as Pair[]) : []),
    ...(into.length ? (qr(db, PAIRS_INTO_SQL).all(JSON.stringify(into)) as Pair[]) : []),
  ];
  const links = new Map<string, TraceGroupLink>();
  for (const [from, to] of pairs) {
    const sf = side.get(from);
    const st = side.get(to);
    if (!sf || !st || (sf === 'forward' && st !== 'forward') || (st === 'back' && sf !== 'back')) continue;
    const a = keyOf.get(from)!;
    const b = keyOf.get(to)!;
    if (a !== b) links.set(`${a}>${b}`, { from: a, to: b });
  }
  const out: TraceGroup[] = [];
  for (const { customerSet, supplierSet, ...g } of groups.values()) {
    const p = names.get(g.productId);
    out.push({
      ...g,
      productCode: p?.code ?? '',
      productName: p?.name ?? '',
      customers: customerSet.size,
      suppliers: supplierSet.size,
    });
  }
  out.sort((a, b) => (a.side === b.side ? 0 : a.side === 'back' ? -1 : 1) || a.depth - b.depth || b.lots - a.lots);
  return { groups: out, groupLinks: [...links.values()] };
}
