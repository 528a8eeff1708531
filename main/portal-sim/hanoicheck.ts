// A local HanoiCheck supplier API for workshops and tests (`nguongoc portal-sim --profile hanoicheck`): the same
// paths, tokens (access + rotating refresh token), signature check (time window, nonce used once), 422 answers
// naming the refused records, and a Vietnamese page of what arrived. It keeps records in memory, by their keys.
import crypto from 'node:crypto';
import http from 'node:http';
import { hanoiCheckSignature } from '../sync/hanoicheck/sign';

export type HanoiCheckSimOptions = {
  port?: number;
  host?: string;
  clientId?: string;
  clientSecret?: string;
  tokenTtlSec?: number;
  /** Records whose JSON contains this text are refused with a 422 (to show a rejection in a workshop). */
  rejectMatch?: string;
  log?: (line: string) => void;
};

const ENTITIES: Record<string, { key: (r: Record<string, unknown>) => unknown; required: string[]; title: string }> = {
  facilities: { key: (r) => r.ma_co_so, required: ['ma_co_so', 'ten_co_so'], title: 'Cơ sở' },
  warehouses: { key: (r) => r.ma_kho, required: ['ma_kho', 'ten_kho'], title: 'Kho' },
  foods: { key: (r) => r.ma_san_pham, required: ['ma_san_pham', 'ten_san_pham'], title: 'Thực phẩm' },
  steps: { key: (r) => r.ma_khau, required: ['ma_khau', 'ten_khau'], title: 'Khâu' },
  processes: { key: (r) => r.ma_quy_trinh, required: ['ma_quy_trinh'], title: 'Quy trình' },
  batches: {
    key: (r) => `${r.ma_san_pham}/${r.ma_lo}`,
    required: ['ma_san_pham', 'ma_lo', 'danh_sach_khau'],
    title: 'Lô hàng',
  },
};

type Stored = { body: string; times: number; receivedAt: string };

export class HanoiCheckSim {
  readonly server: http.Server;
  readonly records = new Map<string, Map<string, Stored>>();
  stats = { merges: 0, records: 0, unchangedResends: 0, badSignatures: 0, tokens: 0, refreshes: 0, rejected: 0 };
  private access = new Map<string, number>();
  private refresh = new Set<string>();
  private nonces = new Set<string>();

  constructor(readonly opts: HanoiCheckSimOptions = {}) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
  }

  listen(): Promise<string> {
    return new Promise((resolve) =>
      this.server.listen(this.opts.port ?? 0, this.opts.host ?? '127.0.0.1', () => resolve(this.url)),
    );
  }

  get url(): string {
    const a = this.server.address() as { port: number } | null;
    return `http://${this.opts.host ?? '127.0.0.1'}:${a?.port ?? 0}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** Every access token issued so far stops working (a token that expires mid-sync). */
  expireTokens(): void {
    this.access.clear();
  }

  count(entity: string): number {
    return this.records.get(entity)?.size ?? 0;
  }

  private send(res: http.ServerResponse, status: number, body: unknown): void {
    const html = typeof body === 'string';
    res.writeHead(status, { 'content-type': html ? 'text/html; charset=utf-8' : 'application/json' });
    res.end(html ? body : JSON.stringify(body));
  }

  private signatureOk(req: http.IncomingMessage, path: string, body: string): boolean {
    const h = (n: string) => String(req.headers[n] ?? '');
    const ts = Number(h('x-timestamp'));
    const nonce = h('x-nonce');
    const fresh = Number.isInteger(ts) && Math.abs(Date.now() / 1000 - ts) <= 300;
    const expected = hanoiCheckSignature(this.opts.clientSecret ?? '', 'POST', path, h('x-timestamp'), nonce, body);
    const sig = Buffer.from(h('x-signature'));
    const ok =
      fresh &&
      !!nonce &&
      !this.nonces.has(nonce) &&
      sig.length === Buffer.byteLength(expected) &&
      crypto.timingSafeEqual(sig, Buffer.from(expected));
    if (!ok) this.stats.badSignatures++;
    else this.nonces.add(nonce);
    return ok;
  }

  private issue(res: http.ServerResponse): void {
    const access = crypto.randomBytes(16).toString('hex');
    const refresh = crypto.randomBytes(16).toString('hex');
    const ttl = this.opts.tokenTtlSec ?? 3600;
    this.access.set(access, Date.now() + ttl * 1000);
    this.refresh.add(refresh);
    this.send(res, 200, { access_token: access, token_type: 'Bearer', expires_in: ttl, refresh_token: refresh });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://sim');
      const body = await readBody(req);
      if (req.method === 'GET' && url.pathname === '/') return this.send(res, 200, this.page());
      if (req.method !== 'POST') return this.send(res, 405, { message: 'Phương thức không được hỗ trợ' });
      if (!this.signatureOk(req, url.pathname, body))
        return this.send(res, 401, { message: 'Chữ ký yêu cầu không hợp lệ hoặc đã hết hạn' });
      const json = parseJson(body);
      if (url.pathname === '/api/supplier/token') {
        const j = (json ?? {}) as Record<string, unknown>;
        if (
          j.grant_type !== 'client_credentials' ||
          j.client_id !== this.opts.clientId ||
          j.client_secret !== this.opts.clientSecret
        )
          return this.send(res, 401, { message: 'Sai mã ứng dụng hoặc khoá bí mật' });
        this.stats.tokens++;
        return this.issue(res);
      }
      if (url.pathname === '/api/supplier/refresh_token') {
        const rt = String((json as Record<string, unknown> | null)?.refresh_token ?? '');
        // Refresh tokens rotate: each is good for one renewal.
        if (!this.refresh.delete(rt)) return this.send(res, 401, { message: 'Mã làm mới không hợp lệ' });
        this.stats.refreshes++;
        return this.issue(res);
      }
      const m = /^\/api\/supplier\/(\w+)\/merge$/.exec(url.pathname);
      if (!m || !ENTITIES[m[1]]) return this.send(res, 404, { message: 'Không có đường dẫn này' });
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!((this.access.get(bearer) ?? 0) > Date.now()))
        return this.send(res, 401, { message: 'Mã truy cập không hợp lệ hoặc đã hết hạn' });
      if (!Array.isArray(json)) return this.send(res, 422, { message: 'Dữ liệu phải là một danh sách', errors: {} });
      return this.merge(res, m[1], json as Record<string, unknown>[]);
    } catch (err) {
      this.opts.log?.(`[portal-sim hanoicheck] ${(err as Error).stack}`);
      if (!res.headersSent) this.send(res, 500, { message: 'Lỗi máy chủ' });
    }
  }

  private merge(res: http.ServerResponse, entity: string, list: Record<string, unknown>[]): void {
    this.stats.merges++;
    const spec = ENTITIES[entity];
    const errors: Record<string, string[]> = {};
    list.forEach((r, i) => {
      for (const f of spec.required)
        if (r[f] === undefined || r[f] === null || r[f] === '') errors[`${i}.${f}`] = ['Trường này là bắt buộc.'];
      if (entity === 'batches' && r.ma_san_pham && !this.records.get('foods')?.has(String(r.ma_san_pham)))
        errors[`${i}.ma_san_pham`] = ['Sản phẩm chưa được khai báo trên HanoiCheck.'];
      if (this.opts.rejectMatch && JSON.stringify(r).includes(this.opts.rejectMatch))
        errors[`${i}.ma_lo`] = [`Bị từ chối: có "${this.opts.rejectMatch}".`];
    });
    if (Object.keys(errors).length) {
      this.stats.rejected += new Set(Object.keys(errors).map((k) => k.split('.')[0])).size;
      // Validation fails the whole request: nothing of it is kept.
      return this.send(res, 422, { message: 'Dữ liệu không hợp lệ.', errors });
    }
    const store = this.records.get(entity) ?? new Map<string, Stored>();
    this.records.set(entity, store);
    const now = new Date().toISOString();
    for (const r of list) {
      const key = String(spec.key(r));
      const body = JSON.stringify(r);
      const prev = store.get(key);
      if (prev?.body === body) this.stats.unchangedResends++;
      store.set(key, { body, times: (prev?.times ?? 0) + 1, receivedAt: now });
      this.stats.records++;
    }
    this.send(res, 200, { message: 'Thành công', data: { so_ban_ghi: list.length } });
  }

  private page(): string {
    const esc = (s: unknown) =>
      String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
    const sections = Object.entries(ENTITIES).map(([entity, spec]) => {
      const rows = [...(this.records.get(entity) ?? new Map<string, Stored>()).entries()].slice(-200).reverse();
      return `<h2>${spec.title} (${this.count(entity)})</h2><table><tr><th>Mã</th><th>Nhận lúc</th><th>Số lần nhận</th><th>Nội dung</th></tr>
${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(new Date(v.receivedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }))}</td><td>${v.times}</td><td><small>${esc(v.body.slice(0, 300))}</small></td></tr>`).join('\n')}</table>`;
    });
    return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>HanoiCheck mô phỏng</title>
<style>body{font-family:system-ui,sans-serif;margin:16px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px;text-align:left;vertical-align:top}</style></head>
<body><h1>HanoiCheck mô phỏng (nhà cung cấp)</h1>
<p>Lần nhận: ${this.stats.merges} · bản ghi: ${this.stats.records} · bị từ chối: ${this.stats.rejected} · chữ ký sai: ${this.stats.badSignatures} · cấp token: ${this.stats.tokens} · làm mới token: ${this.stats.refreshes}</p>
${sections.join('\n')}</body></html>`;
  }
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
