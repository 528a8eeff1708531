// Reading and updating the outbox (filled by the triggers of migration 004). An item without a status row for a
// portal is pending for it; 'sending' rows left by a crash go back to pending when a sync starts.
import type { Db } from '../store/db';
import { q, qv } from '../store/statements';

export type OutboxItem = {
  id: number;
  kind: 'event' | 'masterdata';
  event_row_id: number | null;
  entity: string | null;
  entity_id: number | null;
};
export type SyncCounts = { total: number; pending: number; sending: number; accepted: number; rejected: number };

export function nextPending(db: Db, portalId: number, limit: number, afterId: number): OutboxItem[] {
  return q(
    db,
    `SELECT o.id, o.kind, o.event_row_id, o.entity, o.entity_id FROM outbox o
       LEFT JOIN outbox_status s ON s.item_id = o.id AND s.portal_id = ?
       WHERE o.id > ? AND (s.status IS NULL OR s.status = 'pending') ORDER BY o.id LIMIT ?`,
  ).all(portalId, afterId, limit) as OutboxItem[];
}

export function countByStatus(db: Db, portalId: number | null): SyncCounts {
  // Counters kept by the outbox triggers (migration 012): constant time however long the outbox.
  const total = (qv(db, 'SELECT n FROM outbox_count WHERE id = 1').get() as number | undefined) ?? 0;
  const c: SyncCounts = { total, pending: 0, sending: 0, accepted: 0, rejected: 0 };
  if (portalId !== null) {
    for (const r of q(db, 'SELECT status, n FROM outbox_status_count WHERE portal_id = ?').all(portalId) as {
      status: keyof SyncCounts;
      n: number;
    }[])
      c[r.status] = r.n;
  }
  c.pending = total - c.sending - c.accepted - c.rejected;
  return c;
}

export function setStatus(
  db: Db,
  portalId: number,
  itemIds: number[],
  status: 'sending' | 'pending',
  now: string,
): void {
  const st = q(
    db,
    `INSERT INTO outbox_status(item_id, portal_id, status, attempts, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(item_id, portal_id) DO UPDATE SET status = excluded.status, attempts = attempts + excluded.attempts, updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const id of itemIds) st.run(id, portalId, status, status === 'sending' ? 1 : 0, now);
  })();
}

export function recordOutcome(
  db: Db,
  portalId: number,
  itemId: number,
  o:
    | { status: 'accepted'; receipt: string | null }
    | { status: 'rejected'; reasonVi: string; reasonEn: string; raw: string },
  now: string,
): void {
  q(
    db,
    `INSERT INTO outbox_status(item_id, portal_id, status, reason_vi, reason_en, raw_answer, receipt, updated_at) VALUES (?,?,?,?,?,?,?,?)
     ON CONFLICT(item_id, portal_id) DO UPDATE SET status = excluded.status, reason_vi = excluded.reason_vi, reason_en = excluded.reason_en,
       raw_answer = excluded.raw_answer, receipt = excluded.receipt, updated_at = excluded.updated_at`,
  ).run(
    itemId,
    portalId,
    o.status,
    o.status === 'rejected' ? o.reasonVi : null,
    o.status === 'rejected' ? o.reasonEn : null,
    o.status === 'rejected' ? o.raw : null,
    o.status === 'accepted' ? o.receipt : null,
    now,
  );
}

/** After a crash: whatever was being sent is pending again (resending is harmless: eventIDs are stable). */
export function recoverSending(db: Db, portalId: number, now: string): number {
  return q(
    db,
    "UPDATE outbox_status SET status = 'pending', updated_at = ? WHERE portal_id = ? AND status = 'sending'",
  ).run(now, portalId).changes;
}

/** Puts rejected items back in the queue (after the user fixed the data or the portal's setup). */
export function retryRejected(db: Db, portalId: number, now: string): number {
  return q(
    db,
    "UPDATE outbox_status SET status = 'pending', updated_at = ? WHERE portal_id = ? AND status = 'rejected'",
  ).run(now, portalId).changes;
}

export type ItemView = {
  itemId: number;
  kind: 'event' | 'masterdata';
  label: string;
  eventId: string | null;
  eventTime: string | null;
  status: string;
  attempts: number;
  reason: string | null;
  rawAnswer: string | null;
  receipt: string | null;
  updatedAt: string | null;
};

const KIND: Record<string, [string, string]> = {
  receipt: ['Nhập hàng', 'Receipt'],
  opening: ['Tồn đầu kỳ', 'Opening stock'],
  production: ['Sản xuất', 'Production'],
  shipment: ['Xuất hàng', 'Shipment'],
  transfer: ['Chuyển kho', 'Transfer'],
  status: ['Đổi trạng thái lô', 'Lot status'],
  correction: ['Sửa / huỷ', 'Correction'],
  business: ['Thông tin doanh nghiệp', 'Business profile'],
  location: ['Địa điểm', 'Location'],
  product: ['Sản phẩm', 'Product'],
  partner: ['Đối tác', 'Partner'],
};

// People read names: the product, partner or location itself, and an event's document and lots.
const NAME_SQL = `CASE o.entity
  WHEN 'product' THEN (SELECT name FROM products WHERE id = o.entity_id)
  WHEN 'partner' THEN (SELECT name FROM partners WHERE id = o.entity_id)
  WHEN 'location' THEN (SELECT name FROM locations WHERE id = o.entity_id)
  WHEN 'business' THEN (SELECT name FROM business WHERE id = 1)
  ELSE (SELECT group_concat(code, ', ') FROM (SELECT DISTINCT lot.code FROM event_lines l JOIN lots lot ON lot.id = l.lot_id WHERE l.event_id = o.event_row_id LIMIT 3))
END`;

function itemLabel(r: Record<string, string | number | null>, lang: 'vi' | 'en'): string {
  const key = String(r.kind === 'event' ? r.ekind : r.entity);
  const kind = KIND[key]?.[lang === 'en' ? 1 : 0] ?? key;
  const parts = [r.kind === 'event' ? r.document_ref : null, r.name].filter((x) => x !== null && x !== '');
  return parts.length ? `${kind}: ${parts.join(' · ')}` : kind;
}

export function listItems(
  db: Db,
  portalId: number,
  opts: { status?: string; limit: number; offset: number; lang: 'vi' | 'en' },
): { total: number; items: ItemView[] } {
  const where =
    opts.status === 'pending'
      ? "(s.status IS NULL OR s.status = 'pending')"
      : opts.status
        ? 's.status = @status'
        : '1=1';
  const base = `FROM outbox o LEFT JOIN outbox_status s ON s.item_id = o.id AND s.portal_id = @portal LEFT JOIN events e ON e.id = o.event_row_id WHERE ${where}`;
  const params = { portal: portalId, status: opts.status ?? null, limit: opts.limit, offset: opts.offset };
  const total = (q(db, `SELECT COUNT(*) AS n ${base}`).get(params) as { n: number }).n;
  const rows = q(
    db,
    `SELECT o.id, o.kind, o.entity, o.entity_id, e.event_id, e.event_time, e.kind AS ekind, e.document_ref, COALESCE(s.status, 'pending') AS status, COALESCE(s.attempts, 0) AS attempts,
         s.reason_vi, s.reason_en, s.raw_answer, s.receipt, s.updated_at, ${NAME_SQL} AS name ${base} ORDER BY (s.status = 'rejected') DESC, o.id DESC LIMIT @limit OFFSET @offset`,
  ).all(params) as Record<string, string | number | null>[];
  return {
    total,
    items: rows.map((r) => ({
      itemId: r.id as number,
      kind: r.kind as 'event' | 'masterdata',
      label: itemLabel(r, opts.lang),
      eventId: (r.event_id as string) ?? null,
      eventTime: (r.event_time as string) ?? null,
      status: r.status as string,
      attempts: r.attempts as number,
      reason: ((opts.lang === 'en' ? r.reason_en : r.reason_vi) as string) ?? null,
      rawAnswer: (r.raw_answer as string) ?? null,
      receipt: (r.receipt as string) ?? null,
      updatedAt: (r.updated_at as string) ?? null,
    })),
  };
}
