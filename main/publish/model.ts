// What the consumer pages show, read from the database: per lot the items of Decree 37/2026 Điều 23 k7 (product
// name and image, producer name and address, origin, brand, lot, expiry) and those of Điều 32 the business has
// (tax code, production date, standards and self-declaration, warnings, traceability one step back and one step
// forward). Journey steps are dates, kinds and regions only: never a partner's name, a quantity, a price, a
// document number or a user.
import type { Db } from '../store/db';
import { q, qv } from '../store/statements';

export type Lang = 'vi' | 'en';

export type JourneyStep =
  | { kind: 'received'; date: string; region: string | null }
  | { kind: 'made'; date: string; inputs: { name: string; received: string | null; region: string | null }[] }
  | { kind: 'opening'; date: string }
  | { kind: 'shipped'; date: string }
  | { kind: 'transferred'; date: string; place: string };

export type StatusChange = { date: string; status: string };

export type BusinessFacts = {
  name: string;
  address: string;
  taxCode: string;
  phone: string | null;
  email: string | null;
  traceAddress: string | null;
};

export type ProductFacts = {
  id: number;
  code: string;
  gtin14: string;
  name: string;
  unit: string;
  brand: string | null;
  origin: string | null;
  netQuantity: string | null;
  ingredients: string | null;
  storage: string | null;
  usage: string | null;
  warnings: string | null;
  standard: string | null;
  declarationNo: string | null;
  shelfLifeDays: number | null;
  /** The product photo as a data URL (written to a file beside the pages). */
  image: string | null;
  updatedAt: string;
};

export type LotFacts = {
  id: number;
  code: string;
  /** The product as printed on the lot's labels (its frozen label data), the current photo. */
  product: ProductFacts;
  productionDate: string | null;
  expiryDate: string | null;
  status: string;
  back: JourneyStep[];
  forward: JourneyStep[];
  history: StatusChange[];
  /** When anything the page shows last changed (ISO). */
  changedAt: string;
};

export type SiteFacts = { business: BusinessFacts; products: ProductFacts[]; lots: LotFacts[] };

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

/** "Xã Bù Đăng, tỉnh Đồng Nai" → "tỉnh Đồng Nai": where a supplier is, never who. */
export function regionOf(address: string | null): string | null {
  const parts = (address ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.length ? parts[parts.length - 1] : null;
}

/** Products the business marks private are never published (setting `publish.privateProducts`: product ids). */
export function privateProductIds(db: Db): number[] {
  const raw = qv(db, "SELECT value FROM settings WHERE key = 'publish.privateProducts'").get() as string | undefined;
  try {
    const ids = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(ids) ? ids.filter((n): n is number => Number.isInteger(n)) : [];
  } catch {
    return [];
  }
}

function businessFacts(db: Db): (BusinessFacts & { updatedAt: string }) | null {
  const b = q(
    db,
    'SELECT name, address, province, tax_code, phone, email, digital_link_domain, updated_at FROM business',
  ).get() as Row | undefined;
  if (!b) return null;
  const province = str(b.province);
  const address = String(b.address);
  return {
    name: String(b.name),
    // The province is its own field; a consumer reads one address.
    address: province && !address.includes(province) ? `${address}, ${province}` : address,
    taxCode: String(b.tax_code),
    phone: str(b.phone),
    email: str(b.email),
    traceAddress: str(b.digital_link_domain),
    updatedAt: String(b.updated_at),
  };
}

function productFacts(r: Row, snapshot: Row | null = null): ProductFacts {
  const pick = (snapKey: string, col: string) => (snapshot ? str(snapshot[snapKey]) : str(r[col]));
  return {
    id: Number(r.id),
    code: String(r.code),
    gtin14: String(r.gtin14),
    name: (snapshot ? str(snapshot.name) : null) ?? String(r.name),
    unit: String(r.unit),
    brand: pick('brand', 'brand'),
    origin: pick('origin', 'origin'),
    netQuantity: pick('netQuantity', 'net_quantity'),
    ingredients: pick('ingredients', 'ingredients'),
    storage: pick('storage', 'storage'),
    usage: pick('usage', 'usage'),
    warnings: pick('warnings', 'warnings'),
    standard: pick('standard', 'standard'),
    declarationNo: pick('declarationNo', 'declaration_no'),
    shelfLifeDays: r.shelf_life_days === null ? null : Number(r.shelf_life_days),
    image: str(r.image),
    updatedAt: String(r.updated_at),
  };
}

/**
 * Products a consumer buys: finished products with a GTIN, not archived, not marked private. Materials carry
 * their supplier's GTIN, and a page about them under this business's name would be wrong.
 */
function publishedProducts(db: Db, gtin14: string | null): Row[] {
  const hidden = new Set(privateProductIds(db));
  return (
    q(
      db,
      `SELECT * FROM products WHERE kind = 'finished' AND gtin14 IS NOT NULL AND archived_at IS NULL
         AND (? IS NULL OR gtin14 = ?) ORDER BY name`,
    ).all(gtin14, gtin14) as Row[]
  ).filter((p) => !hidden.has(Number(p.id)));
}

type LineEvent = {
  id: number;
  kind: string;
  role: string;
  event_time: string;
  recorded_at: string;
  net: number;
  line_id: number;
  source_address: string | null;
  dest_location: string | null;
  data: string | null;
};

function lotEvents(db: Db, lotId: number): LineEvent[] {
  return q(
    db,
    `SELECT e.id, e.kind, l.role, e.event_time, e.recorded_at, l.id AS line_id, e.data,
         l.qty_milli + COALESCE((SELECT SUM(c.qty_milli) FROM event_lines c WHERE c.corrects_line_id = l.id), 0) AS net,
         sp.address AS source_address, dl.name AS dest_location
       FROM event_lines l JOIN events e ON e.id = l.event_id
       LEFT JOIN partners sp ON sp.id = e.source_partner_id
       LEFT JOIN locations dl ON dl.id = e.destination_location_id
       WHERE l.lot_id = ? ORDER BY e.event_time, e.id`,
  ).all(lotId) as LineEvent[];
}

/** The lots a production event consumed, with where each came from (one step back). */
function inputsOf(db: Db, eventId: number): { name: string; received: string | null; region: string | null }[] {
  const rows = q(
    db,
    `SELECT p.name, lo.origin, lo.created_at, sp.address,
         (SELECT MIN(e2.event_time) FROM event_lines l2 JOIN events e2 ON e2.id = l2.event_id
            WHERE l2.lot_id = lo.id AND e2.kind = 'receipt') AS received
       FROM event_lines l JOIN lots lo ON lo.id = l.lot_id JOIN products p ON p.id = lo.product_id
       LEFT JOIN partners sp ON sp.id = lo.supplier_id
       WHERE l.event_id = ? AND l.role = 'input'
         AND l.qty_milli + COALESCE((SELECT SUM(c.qty_milli) FROM event_lines c WHERE c.corrects_line_id = l.id), 0) <> 0
       ORDER BY l.id`,
  ).all(eventId) as Row[];
  const seen = new Set<string>();
  const out: { name: string; received: string | null; region: string | null }[] = [];
  for (const r of rows) {
    const item = {
      name: String(r.name),
      received: r.received ? String(r.received).slice(0, 10) : null,
      region: r.origin === 'receipt' ? regionOf(str(r.address)) : null,
    };
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

function journey(db: Db, events: LineEvent[]): Pick<LotFacts, 'back' | 'forward' | 'history'> & { last: string } {
  const back: JourneyStep[] = [];
  const forward: JourneyStep[] = [];
  const history: StatusChange[] = [];
  const shippedDates = new Set<string>();
  let last = '';
  for (const e of events) {
    if (e.recorded_at > last) last = e.recorded_at;
    const date = e.event_time.slice(0, 10);
    if (e.kind === 'status') {
      const status = str((JSON.parse(e.data ?? '{}') as Row).status);
      if (status) history.push({ date, status });
      continue;
    }
    // A reversed line nets to zero: the step did not happen.
    if (e.kind === 'correction' || e.net === 0) continue;
    if (e.kind === 'receipt') back.push({ kind: 'received', date, region: regionOf(e.source_address) });
    else if (e.kind === 'opening') back.push({ kind: 'opening', date });
    else if (e.kind === 'production' && e.role === 'output')
      back.push({ kind: 'made', date, inputs: inputsOf(db, e.id) });
    else if (e.kind === 'shipment' && !shippedDates.has(date)) {
      shippedDates.add(date);
      forward.push({ kind: 'shipped', date });
    } else if (e.kind === 'transfer' && e.dest_location)
      forward.push({ kind: 'transferred', date, place: e.dest_location });
  }
  return { back, forward, history, last };
}

/**
 * Everything the site shows. Lots stay published until 12 months after their expiry (Decree 37/2026 Điều 55);
 * `today` is the business's date.
 */
export function siteFacts(
  db: Db,
  today: string,
  only: { gtin14: string; lot: string | null } | null = null,
): SiteFacts | null {
  const business = businessFacts(db);
  if (!business) return null;
  const keepFrom = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const products: ProductFacts[] = [];
  const lots: LotFacts[] = [];
  const lotRows = q(
    db,
    `SELECT id, code, production_date, expiry_date, status, label_data, created_at FROM lots
     WHERE product_id = ? AND (expiry_date IS NULL OR expiry_date >= ?) AND (? IS NULL OR code = ?) ORDER BY COALESCE(production_date, created_at) DESC, id DESC`,
  );
  const lotCode = only?.lot ?? null;
  for (const p of publishedProducts(db, only?.gtin14 ?? null)) {
    const current = productFacts(p);
    products.push(current);
    for (const l of lotRows.all(p.id, keepFrom, lotCode, lotCode) as Row[]) {
      const snap = l.label_data ? ((JSON.parse(String(l.label_data)) as Row).product as Row) : null;
      const j = journey(db, lotEvents(db, Number(l.id)));
      const changedAt = [j.last, current.updatedAt, business.updatedAt, String(l.created_at)].sort().pop()!;
      lots.push({
        id: Number(l.id),
        code: String(l.code),
        product: productFacts(p, snap ?? null),
        productionDate: str(l.production_date),
        expiryDate: str(l.expiry_date),
        status: String(l.status),
        back: j.back,
        forward: j.forward,
        history: j.history,
        changedAt,
      });
    }
  }
  const { updatedAt: _u, ...b } = business;
  return { business: b, products, lots };
}
