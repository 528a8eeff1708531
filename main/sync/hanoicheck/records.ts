// What HanoiCheck receives for a set of outbox items (the field table is docs/hanoicheck.md): the business is a
// facility (cơ sở), each location a warehouse (kho), each product a food (thực phẩm), each lot a batch (lô) whose
// steps (khâu) are the lot's events in time order. An event item re-sends the current state of every lot it
// touches, so a lot's step list on the portal is always whole. Partners have no HanoiCheck record.
import type { Db } from '../../store/db';
import type { OutboxItem } from '../outbox';
import { q, qv } from '../../store/statements';

export type HcEntity = 'facilities' | 'warehouses' | 'foods' | 'steps' | 'batches';
/** The order of the merges in one delivery: what a batch refers to goes first. */
export const ENTITY_ORDER: HcEntity[] = ['facilities', 'warehouses', 'foods', 'steps', 'batches'];

export type HcRecord = {
  entity: HcEntity;
  /** The record's key on the portal (ma_co_so, ma_kho, ma_san_pham, ma_khau, ma_san_pham/ma_lo). */
  key: string;
  body: Record<string, unknown>;
  /** Outbox items this record carries. */
  items: number[];
  /** How the shop owner names it (error messages). */
  label: string;
};

type Row = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

/** Step codes (mã khâu) for the kinds of events the app records. */
export const STEPS: Record<string, { ma_khau: string; ten_khau: string }> = {
  receipt: { ma_khau: 'NHAP_HANG', ten_khau: 'Nhập hàng' },
  opening: { ma_khau: 'TON_DAU_KY', ten_khau: 'Tồn đầu kỳ' },
  production: { ma_khau: 'SAN_XUAT', ten_khau: 'Sản xuất' },
  shipment: { ma_khau: 'XUAT_HANG', ten_khau: 'Xuất hàng' },
  transfer: { ma_khau: 'CHUYEN_KHO', ten_khau: 'Chuyển kho' },
  status: { ma_khau: 'TRANG_THAI', ten_khau: 'Đổi trạng thái lô (tạm giữ, thu hồi…)' },
};

const STATUS_VI: Record<string, string> = {
  available: 'Lưu hành',
  on_hold: 'Tạm giữ',
  quarantined: 'Cách ly',
  rejected: 'Không đạt',
  recalled: 'Thu hồi',
  destroyed: 'Huỷ',
};

export const warehouseCode = (id: number) => `KHO${String(id).padStart(3, '0')}`;

function facility(db: Db): { record: Omit<HcRecord, 'items'>; code: string } | null {
  const b = q(db, 'SELECT name, tax_code, address, province, phone, email, gln FROM business').get() as Row | undefined;
  if (!b) return null;
  const code = String(b.tax_code);
  return {
    code,
    record: {
      entity: 'facilities',
      key: code,
      label: String(b.name),
      body: {
        ma_co_so: code,
        ten_co_so: b.name,
        ma_so_thue: b.tax_code,
        dia_chi: [b.address, b.province].filter(Boolean).join(', '),
        so_dien_thoai: str(b.phone),
        email: str(b.email),
        ma_gln: str(b.gln),
      },
    },
  };
}

function warehouse(db: Db, id: number, facilityCode: string): Omit<HcRecord, 'items'> | null {
  const l = q(db, 'SELECT id, name, address, gln, kind FROM locations WHERE id = ?').get(id) as Row | undefined;
  if (!l) return null;
  return {
    entity: 'warehouses',
    key: warehouseCode(id),
    label: String(l.name),
    body: {
      ma_kho: warehouseCode(id),
      ten_kho: l.name,
      dia_chi: str(l.address),
      ma_gln: str(l.gln),
      loai_kho: l.kind,
      ma_co_so: facilityCode,
    },
  };
}

function food(db: Db, id: number): Omit<HcRecord, 'items'> | null {
  const p = q(db, 'SELECT * FROM products WHERE id = ?').get(id) as Row | undefined;
  if (!p) return null;
  return {
    entity: 'foods',
    key: String(p.code),
    label: String(p.name),
    body: {
      ma_san_pham: p.code,
      ten_san_pham: p.name,
      ma_gtin: str(p.gtin14),
      don_vi_tinh: p.unit,
      loai: p.kind,
      xuat_xu: str(p.origin),
      nhan_hieu: str(p.brand),
      thanh_phan: str(p.ingredients),
      tieu_chuan: str(p.standard),
      so_tu_cong_bo: str(p.declaration_no),
      han_su_dung_ngay: p.shelf_life_days ?? null,
      ngung_kinh_doanh: p.archived_at ? 1 : 0,
    },
  };
}

/** A lot as a batch: its steps are its events in time order, each with the place it happened. */
function batch(db: Db, lotId: number, facilityCode: string): Omit<HcRecord, 'items'> | null {
  const l = q(
    db,
    'SELECT l.*, p.code AS product_code, p.name AS product_name FROM lots l JOIN products p ON p.id = l.product_id WHERE l.id = ?',
  ).get(lotId) as Row | undefined;
  if (!l) return null;
  const events = q(
    db,
    `SELECT e.id, e.kind, e.event_time, e.data, l.location_id, l.role, loc.name AS place, loc.address,
         l.qty_milli + COALESCE((SELECT SUM(c.qty_milli) FROM event_lines c WHERE c.corrects_line_id = l.id), 0) AS net
       FROM event_lines l JOIN events e ON e.id = l.event_id LEFT JOIN locations loc ON loc.id = COALESCE(l.location_id, e.location_id)
       WHERE l.lot_id = ? AND e.kind <> 'correction' ORDER BY e.event_time, e.id, l.id`,
  ).all(lotId) as Row[];
  const steps: Record<string, unknown>[] = [];
  const warehouses = new Set<string>();
  const seen = new Set<number>();
  for (const e of events) {
    // A reversed line nets to zero: that step did not happen. One step per event, even with several lines.
    if ((e.kind !== 'status' && Number(e.net) === 0) || seen.has(Number(e.id))) continue;
    seen.add(Number(e.id));
    if (e.location_id) warehouses.add(warehouseCode(Number(e.location_id)));
    const step = STEPS[String(e.kind)];
    const status = e.kind === 'status' ? str((JSON.parse(String(e.data ?? '{}')) as Row).status) : null;
    steps.push({
      ma_khau: step.ma_khau,
      thu_tu: steps.length + 1,
      thoi_gian: e.event_time,
      dia_chi: [e.place, e.address].filter(Boolean).join(' – ') || null,
      mo_ta: status
        ? `${step.ten_khau}: ${STATUS_VI[status] ?? status}`
        : e.kind === 'production' && e.role === 'input'
          ? 'Dùng làm nguyên liệu'
          : step.ten_khau,
    });
  }
  const received = events.find((e) => e.kind === 'receipt');
  return {
    entity: 'batches',
    key: `${l.product_code}/${l.code}`,
    label: `${l.product_name} – lô ${l.code}`,
    body: {
      ma_san_pham: l.product_code,
      ma_lo: l.code,
      ten_lo: `${l.product_name} – lô ${l.code}`,
      ma_lo_nha_cung_cap: str(l.supplier_lot_code),
      ngay_nhap: received ? String(received.event_time).slice(0, 10) : null,
      ngay_san_xuat: str(l.production_date),
      han_su_dung: str(l.expiry_date),
      trang_thai: STATUS_VI[String(l.status)] ?? l.status,
      ma_co_so: facilityCode,
      danh_sach_kho: [...warehouses].sort(),
      danh_sach_khau: steps,
    },
  };
}

/**
 * The records for a set of items, in merge order, each once (items that touch the same lot share its record).
 * `skipped` items have nothing to send to HanoiCheck (partners) and count as delivered.
 */
export function hanoiCheckRecords(db: Db, items: OutboxItem[]): { records: HcRecord[]; skipped: number[] } {
  const byKey = new Map<string, HcRecord>();
  const skipped: number[] = [];
  const fac = facility(db);
  const facilityCode = fac?.code ?? '';
  const add = (r: Omit<HcRecord, 'items'> | null, item: number) => {
    if (!r) return skipped.push(item);
    const k = `${r.entity}:${r.key}`;
    const existing = byKey.get(k);
    if (existing) existing.items.push(item);
    else byKey.set(k, { ...r, items: [item] });
  };
  const lotsOf = qv(db, 'SELECT DISTINCT lot_id FROM event_lines WHERE event_id = ?');
  for (const item of items) {
    if (item.kind === 'event') {
      const lots = lotsOf.all(item.event_row_id) as number[];
      if (!lots.length) skipped.push(item.id);
      for (const lotId of lots) add(batch(db, lotId, facilityCode), item.id);
    } else if (item.entity === 'business') add(fac?.record ?? null, item.id);
    else if (item.entity === 'location') add(warehouse(db, item.entity_id!, facilityCode), item.id);
    else if (item.entity === 'product') add(food(db, item.entity_id!), item.id);
    else skipped.push(item.id);
  }
  const records = [...byKey.values()];
  // The step catalogue goes with the first batches (the portal keys them by ma_khau: sending again is harmless).
  if (records.some((r) => r.entity === 'batches'))
    for (const s of Object.values(STEPS))
      records.push({ entity: 'steps', key: s.ma_khau, label: s.ten_khau, body: { ...s }, items: [] });
  records.sort((a, b) => ENTITY_ORDER.indexOf(a.entity) - ENTITY_ORDER.indexOf(b.entity));
  return { records, skipped };
}
