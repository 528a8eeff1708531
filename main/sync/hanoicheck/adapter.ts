// Hà Nội's HanoiCheck supplier API behind the sync engine (docs/hanoicheck.md):
//   POST /api/supplier/token {grant_type: client_credentials, client_id, client_secret} → access + refresh token
//   POST /api/supplier/refresh_token {refresh_token} → a new pair (the refresh token lives 14 days)
//   POST /api/supplier/<entity>/merge [records] with Bearer token and X-Timestamp / X-Nonce / X-Signature
//   422 {message, errors: {"<index>.<field>": [text]}} names the refused records; nothing of that request is kept.
// The engine keeps the outbox, statuses and retries; this module turns items into records, sends each record once
// per run (a lot touched by several events goes once, with all its steps) and maps answers back to items.
import crypto from 'node:crypto';
import type { Db } from '../../store/db';
import { request, retryAfterMs, type HttpAnswer, type NetError } from '../http';
import {
  SyncError,
  type Capabilities,
  type Delivery,
  type DeliveryResult,
  type ItemOutcome,
  type PortalAdapter,
  type PortalConfig,
  type TestResult,
} from '../types';
import { ENTITY_ORDER, hanoiCheckRecords, type HcRecord } from './records';
import { signatureHeaders } from './sign';

export const HANOICHECK_URL = 'https://ncc-api.hanoicheck.com.vn';
const PREFIX = '/api/supplier';

type Tokens = { access_token?: string; refresh_token?: string; expires_in?: number };
type RecordOutcome =
  { status: 'accepted' } | { status: 'rejected'; vi: string; en: string; raw: string } | { status: 'retry' };

const FIELD_VI: Record<string, string> = {
  ma_san_pham: 'mã sản phẩm',
  ten_san_pham: 'tên sản phẩm',
  ma_lo: 'mã lô',
  ten_lo: 'tên lô',
  han_su_dung: 'hạn sử dụng',
  ngay_san_xuat: 'ngày sản xuất',
  ngay_nhap: 'ngày nhập',
  ma_co_so: 'mã cơ sở',
  ma_kho: 'mã kho',
  ten_kho: 'tên kho',
  danh_sach_kho: 'danh sách kho',
  danh_sach_khau: 'các khâu',
  ma_khau: 'mã khâu',
  don_vi_tinh: 'đơn vị tính',
};

const sha = (body: unknown) => crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex');

export class HanoiCheckAdapter implements PortalAdapter {
  readonly type = 'hanoicheck' as const;
  private readonly base: string;
  private readonly timeoutMs: number;
  private access: string | null = null;
  private refreshToken: string | null = null;
  private expiresAt = 0;
  /** Records accepted in this run, by entity:key → hash of the body sent. */
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly cfg: PortalConfig,
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.base = (cfg.url || HANOICHECK_URL).replace(/\/+$/, '');
    this.timeoutMs = cfg.settings.timeoutMs ?? 30_000;
  }

  async capabilities(): Promise<Capabilities> {
    // No capability call in this API: batches of a few hundred records keep each request small.
    return { captureLimit: 200, fileSizeLimit: null, epcisVersion: null };
  }

  async test(): Promise<TestResult> {
    if (!/^https?:\/\/[^\s/]+/.test(this.base))
      return { ok: false, code: 'PORTAL_URL_INVALID', params: { url: this.base }, capabilities: null };
    try {
      await this.grant();
      return { ok: true, code: null, params: {}, capabilities: await this.capabilities() };
    } catch (err) {
      if (err instanceof SyncError) return { ok: false, code: err.code, params: err.params, capabilities: null };
      throw err;
    }
  }

  // ---------- HTTP and tokens ----------

  private async send(path: string, body: unknown, bearer: boolean): Promise<HttpAnswer> {
    const text = JSON.stringify(body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      ...signatureHeaders(this.cfg.secret ?? '', 'POST', path, text, this.now()),
    };
    if (bearer) headers.authorization = `Bearer ${this.access}`;
    try {
      return await request(`${this.base}${path}`, { method: 'POST', headers, body: text, timeoutMs: this.timeoutMs });
    } catch (err) {
      const e = err as NetError;
      throw new SyncError('retry', e.kind === 'timeout' ? 'PORTAL_TIMEOUT' : 'PORTAL_UNREACHABLE', {
        url: this.base,
        detail: e.message,
      });
    }
  }

  private classify(ans: HttpAnswer): SyncError {
    const s = ans.status;
    const raw = ans.text.slice(0, 4000);
    if (s === 403) return new SyncError('stop', 'PORTAL_FORBIDDEN', { status: s }, null, raw);
    if (s === 404) return new SyncError('stop', 'PORTAL_NOT_HANOICHECK', { url: this.base }, null, raw);
    if (s === 413) return new SyncError('too_large', 'PORTAL_TOO_LARGE', { status: s }, null, raw);
    if (s === 429 || s === 503)
      return new SyncError('retry', 'PORTAL_BUSY', { status: s }, retryAfterMs(ans.headers.get('retry-after')), raw);
    if (s >= 500) return new SyncError('retry', 'PORTAL_SERVER_ERROR', { status: s }, null, raw);
    return new SyncError('stop', 'PORTAL_UNEXPECTED', { status: s }, null, raw);
  }

  private async tokens(path: string, body: Record<string, string>): Promise<boolean> {
    const ans = await this.send(`${PREFIX}${path}`, body, false);
    if (ans.status === 400 || ans.status === 401 || ans.status === 422) return false;
    if (ans.status !== 200) throw this.classify(ans);
    let j: Tokens = {};
    try {
      j = JSON.parse(ans.text) as Tokens;
    } catch {
      // handled below
    }
    if (!j.access_token || !(typeof j.expires_in === 'number' && j.expires_in > 0))
      throw new SyncError('stop', 'PORTAL_TOKEN_BAD_ANSWER', { status: ans.status }, null, ans.text.slice(0, 2000));
    this.access = j.access_token;
    this.refreshToken = j.refresh_token ?? null;
    this.expiresAt = this.now() + j.expires_in * 1000;
    return true;
  }

  /** A new token from the client credentials; refused credentials stop the run. */
  private async grant(): Promise<void> {
    if (!this.cfg.settings.clientId || !this.cfg.secret) throw new SyncError('stop', 'PORTAL_AUTH_INCOMPLETE');
    const ok = await this.tokens('/token', {
      grant_type: 'client_credentials',
      client_id: this.cfg.settings.clientId,
      client_secret: this.cfg.secret,
    });
    if (!ok) throw new SyncError('auth', 'PORTAL_BAD_CREDENTIALS', { status: 401 });
  }

  /** The refresh token first (it spares a login); a refused one falls back to the credentials. */
  private async renew(): Promise<void> {
    const rt = this.refreshToken;
    this.access = null;
    if (rt && (await this.tokens('/refresh_token', { refresh_token: rt }))) return;
    await this.grant();
  }

  /** One merge; a 401 renews the token once and repeats, a second 401 stops the run. */
  private async merge(entity: string, records: HcRecord[]): Promise<HttpAnswer> {
    if (!this.access) await this.grant();
    else if (this.now() > this.expiresAt - 5_000) await this.renew();
    const path = `${PREFIX}/${entity}/merge`;
    const body = records.map((r) => r.body);
    let ans = await this.send(path, body, true);
    if (ans.status === 401) {
      await this.renew();
      ans = await this.send(path, body, true);
      if (ans.status === 401)
        throw new SyncError('auth', 'PORTAL_BAD_CREDENTIALS', { status: 401 }, null, ans.text.slice(0, 2000));
    }
    return ans;
  }

  // ---------- delivery ----------

  async deliver(d: Delivery): Promise<DeliveryResult> {
    const { records, skipped } = hanoiCheckRecords(this.db, d.items);
    const outcome = new Map<HcRecord, RecordOutcome>();
    for (const entity of ENTITY_ORDER) {
      const group = records.filter((r) => r.entity === entity);
      const fresh = group.filter((r) => this.sent.get(`${r.entity}:${r.key}`) !== sha(r.body));
      for (const r of group) if (!fresh.includes(r)) outcome.set(r, { status: 'accepted' });
      if (fresh.length) await this.sendGroup(entity, fresh, outcome);
    }
    const outcomes = new Map<number, ItemOutcome>();
    for (const i of skipped) outcomes.set(i, { status: 'accepted', receipt: null });
    const byItem = new Map<number, HcRecord[]>();
    for (const r of records) for (const i of r.items) byItem.set(i, [...(byItem.get(i) ?? []), r]);
    for (const [item, recs] of byItem) outcomes.set(item, itemOutcome(recs, outcome));
    return { receipt: null, outcomes };
  }

  /** Sends one entity's records; a 422 rejects the records it names and sends the others again once. */
  private async sendGroup(entity: string, group: HcRecord[], outcome: Map<HcRecord, RecordOutcome>): Promise<void> {
    const ans = await this.merge(entity, group);
    if (ans.status >= 200 && ans.status < 300) {
      for (const r of group) {
        outcome.set(r, { status: 'accepted' });
        this.sent.set(`${r.entity}:${r.key}`, sha(r.body));
      }
      return;
    }
    if (ans.status !== 422) throw this.classify(ans);
    const named = namedErrors(ans.text, group);
    if (!named.size) {
      // The portal named no record: one at a time finds the bad one.
      if (group.length === 1) {
        const msg = (parse(ans.text).message as string | undefined) ?? 'Dữ liệu không hợp lệ';
        outcome.set(group[0], rejected(group[0], [msg], ans.text));
        return;
      }
      for (const r of group) await this.sendGroup(entity, [r], outcome);
      return;
    }
    for (const [r, msgs] of named) outcome.set(r, rejected(r, msgs, ans.text));
    const rest = group.filter((r) => !named.has(r));
    if (rest.length) {
      const again = await this.merge(entity, rest);
      if (again.status >= 200 && again.status < 300) {
        for (const r of rest) {
          outcome.set(r, { status: 'accepted' });
          this.sent.set(`${r.entity}:${r.key}`, sha(r.body));
        }
      } else for (const r of rest) outcome.set(r, { status: 'retry' });
    }
  }
}

function parse(text: string): Record<string, unknown> {
  try {
    const j = JSON.parse(text) as unknown;
    return j && typeof j === 'object' ? (j as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Laravel-style errors {"3.ma_lo": ["…"]} (or {"3": […]}) → the records at those indexes, with their messages. */
function namedErrors(text: string, group: HcRecord[]): Map<HcRecord, string[]> {
  const out = new Map<HcRecord, string[]>();
  const errors = parse(text).errors;
  if (!errors || typeof errors !== 'object') return out;
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    const m = /^(\d+)(?:\.(.+))?$/.exec(key);
    const r = m ? group[Number(m[1])] : undefined;
    if (!r) continue;
    const field = m![2]?.split('.').pop();
    const texts = (Array.isArray(value) ? value : [value]).map(String);
    const words = texts.map((t) => (field ? `${FIELD_VI[field] ?? field}: ${t}` : t));
    out.set(r, [...(out.get(r) ?? []), ...words]);
  }
  return out;
}

function rejected(r: HcRecord, messages: string[], raw: string): RecordOutcome {
  // The portal answers in Vietnamese; the record is named as the shop owner knows it.
  const text = messages.join('; ');
  return { status: 'rejected', vi: `${r.label}: ${text}`, en: `${r.label}: ${text}`, raw: raw.slice(0, 4000) };
}

function itemOutcome(recs: HcRecord[], outcome: Map<HcRecord, RecordOutcome>): ItemOutcome {
  const os = recs.map((r) => outcome.get(r) ?? { status: 'retry' as const });
  const bad = os.filter((o): o is Extract<RecordOutcome, { status: 'rejected' }> => o.status === 'rejected');
  if (bad.length)
    return {
      status: 'rejected',
      reasonVi: bad.map((b) => b.vi).join(' · '),
      reasonEn: bad.map((b) => b.en).join(' · '),
      raw: bad[0].raw,
    };
  if (os.some((o) => o.status === 'retry')) return { status: 'retry' };
  return {
    status: 'accepted',
    receipt: recs
      .map((r) => `${r.entity}:${r.key}`)
      .join(', ')
      .slice(0, 500),
  };
}
