// A local traceability portal for workshops and tests: a real HTTP server speaking the EPCIS 2.0 capture
// interface (../shared/gs1/epcis-rest-openapi.json). It keeps what it receives in its own SQLite file, counts an
// event once however often it is sent (eventID; an error declaration is stored beside its event), validates
// every document against the official schema, can inject faults, and shows a Vietnamese page of what arrived.
//   OPTIONS /capture · POST /capture → 202 + Location · GET /capture/{id} · GET /capture · GET /events · GET /
//   POST /oauth/token (client credentials, expiring tokens)
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { validateEpcis } from '../epcis/schema';
import { checkEpcisRules, EPCIS_RULES, type RuleViolation } from '../epcis/rules';

export type Fault = 'drop' | '500' | '429' | '503' | '413' | 'slow' | '401';

export type PortalSimOptions = {
  port?: number;
  host?: string;
  /** Folder of the simulator's own store; in memory when absent. */
  dataDir?: string;
  /** Fixed bearer token accepted by /capture (none: open). */
  token?: string;
  /** OAuth2 client credentials accepted by /oauth/token. */
  clientId?: string;
  clientSecret?: string;
  tokenTtlSec?: number;
  captureLimit?: number;
  fileSizeLimit?: number;
  /** Announce the limits on OPTIONS (a real server may only say them in its 413 answer). Default true. */
  announceLimits?: boolean;
  /** Content types POST /capture accepts (415 otherwise). Default both JSON and JSON-LD. */
  contentTypes?: string[];
  /** Share of capture requests answered with a random fault (0–1). */
  failRate?: number;
  latencyMs?: number;
  /** Events whose JSON contains this text are refused (to show a rejection in a workshop). */
  rejectMatch?: string;
  /** Delay of 'slow' faults (ms). */
  slowMs?: number;
  retryAfterSec?: number;
  log?: (line: string) => void;
};

type Job = {
  captureID: string;
  createdAt: string;
  finishedAt: string;
  running: boolean;
  success: boolean;
  captureErrorBehaviour: 'rollback' | 'proceed';
  errors: { type: string; title: string; status: number; detail?: string; instance?: string }[];
};

export class PortalSim {
  readonly server: http.Server;
  readonly db: Database.Database;
  /** Faults applied, one per request, to the next capture POSTs (tests push here). */
  readonly faults: Fault[] = [];
  private tokens = new Map<string, number>();
  stats = { posts: 0, faultsServed: 0, duplicates: 0 };
  /** Every capture POST in order: how many events it carried and the status answered. */
  readonly captures: { events: number; status: number; contentType: string }[] = [];

  constructor(readonly opts: PortalSimOptions = {}) {
    if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
    this.db = new Database(opts.dataDir ? path.join(opts.dataDir, 'portal-sim.db') : ':memory:');
    this.db.pragma('journal_mode = WAL');
    this.db
      .exec(`CREATE TABLE IF NOT EXISTS events (key TEXT PRIMARY KEY, event_id TEXT NOT NULL, type TEXT, event_time TEXT, biz_step TEXT, body TEXT NOT NULL, capture_id TEXT, received_at TEXT NOT NULL, times_received INTEGER NOT NULL DEFAULT 1);
      CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, body TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS master (id TEXT PRIMARY KEY, type TEXT, body TEXT NOT NULL, received_at TEXT NOT NULL);`);
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
      this.server.close(() => {
        this.db.close();
        resolve();
      });
    });
  }

  /** Every token issued so far stops working (a token that expires mid-sync). */
  expireTokens(): void {
    this.tokens.clear();
  }

  eventCount(): number {
    return (this.db.prepare("SELECT COUNT(*) AS n FROM events WHERE key NOT LIKE '%#error'").get() as { n: number }).n;
  }

  eventIds(): string[] {
    return (
      this.db.prepare("SELECT event_id FROM events WHERE key NOT LIKE '%#error' ORDER BY rowid").all() as {
        event_id: string;
      }[]
    ).map((r) => r.event_id);
  }

  private authorised(req: http.IncomingMessage): boolean {
    if (!this.opts.token && !this.opts.clientId) return true;
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!m) return false;
    if (this.opts.token && m[1] === this.opts.token) return true;
    const exp = this.tokens.get(m[1]);
    return exp !== undefined && exp > Date.now();
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json',
      'GS1-EPCIS-Version': '2.0',
      ...headers,
    });
    res.end(text);
  }

  private problem(
    res: http.ServerResponse,
    status: number,
    type: string,
    title: string,
    headers: Record<string, string> = {},
  ): void {
    this.send(res, status, { type: `epcisException:${type}`, title, status }, headers);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://sim');
      const body = await readBody(req);
      if (this.opts.latencyMs) await sleep(this.opts.latencyMs);
      if (req.method === 'POST' && url.pathname === '/oauth/token') return this.token(res, body);
      if (url.pathname === '/' && req.method === 'GET') return this.send(res, 200, this.page());
      if (url.pathname === '/capture' && req.method === 'OPTIONS') {
        res.writeHead(204, {
          Allow: 'OPTIONS, POST, GET',
          'GS1-EPCIS-Version': '2.0',
          'GS1-EPCIS-Min': '2.0',
          'GS1-EPCIS-Max': '2.0',
          'GS1-CBV-Version': '2.0',
          'GS1-Capture-Error-Behaviour': 'rollback, proceed',
          ...(this.opts.announceLimits === false ? {} : this.limitHeaders()),
        });
        return void res.end();
      }
      if (!this.authorised(req)) return this.problem(res, 401, 'UnauthorizedRequest', 'Sai hoặc hết hạn mã truy cập');
      if (url.pathname === '/capture' && req.method === 'POST') return await this.capture(req, res, body);
      if (url.pathname === '/capture' && req.method === 'GET')
        return this.send(
          res,
          200,
          (this.db.prepare('SELECT body FROM jobs ORDER BY rowid DESC LIMIT 100').all() as { body: string }[]).map(
            (r) => JSON.parse(r.body),
          ),
        );
      const job = /^\/capture\/([\w-]+)$/.exec(url.pathname);
      if (job && req.method === 'GET') {
        const row = this.db.prepare('SELECT body FROM jobs WHERE id = ?').get(job[1]) as { body: string } | undefined;
        return row
          ? this.send(res, 200, JSON.parse(row.body))
          : this.problem(res, 404, 'NoSuchResourceException', 'Không có phiên nhận dữ liệu này');
      }
      if (url.pathname === '/events' && req.method === 'GET') {
        const limit = Math.min(Number(url.searchParams.get('perPage') ?? 1000) || 1000, 100_000);
        const rows = this.db.prepare('SELECT body FROM events ORDER BY rowid LIMIT ?').all(limit) as { body: string }[];
        return this.send(res, 200, {
          '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
          type: 'EPCISQueryDocument',
          schemaVersion: '2.0',
          creationDate: new Date().toISOString(),
          epcisBody: {
            queryResults: {
              queryName: 'SimpleEventQuery',
              resultsBody: { eventList: rows.map((r) => JSON.parse(r.body)) },
            },
          },
        });
      }
      this.problem(res, 404, 'NoSuchResourceException', 'Không có đường dẫn này');
    } catch (err) {
      this.opts.log?.(`[portal-sim] ${(err as Error).stack}`);
      if (!res.headersSent) this.problem(res, 500, 'ImplementationException', 'Lỗi máy chủ');
    }
  }

  private token(res: http.ServerResponse, body: string): void {
    const f = new URLSearchParams(body);
    if (
      f.get('grant_type') !== 'client_credentials' ||
      f.get('client_id') !== this.opts.clientId ||
      f.get('client_secret') !== this.opts.clientSecret
    )
      return this.send(res, 401, { error: 'invalid_client' });
    const t = crypto.randomBytes(16).toString('hex');
    const ttl = this.opts.tokenTtlSec ?? 3600;
    this.tokens.set(t, Date.now() + ttl * 1000);
    this.send(res, 200, { access_token: t, token_type: 'Bearer', expires_in: ttl });
  }

  private limitHeaders(): Record<string, string> {
    return {
      ...(this.opts.captureLimit ? { 'GS1-EPCIS-Capture-Limit': String(this.opts.captureLimit) } : {}),
      ...(this.opts.fileSizeLimit ? { 'GS1-EPCIS-Capture-File-Size-Limit': String(this.opts.fileSizeLimit) } : {}),
    };
  }

  private pickFault(): Fault | null {
    const f = this.faults.shift();
    if (f) return f;
    if (this.opts.failRate && Math.random() < this.opts.failRate)
      return (['drop', '500', '429', '503'] as Fault[])[Math.floor(Math.random() * 4)];
    return null;
  }

  private async capture(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    this.stats.posts++;
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const log: (typeof this.captures)[number] = { events: countEvents(body), status: 0, contentType };
    this.captures.push(log);
    res.on('finish', () => (log.status = res.statusCode));
    const accepted = this.opts.contentTypes ?? ['application/ld+json', 'application/json'];
    if (!accepted.includes(contentType))
      return this.problem(res, 415, 'UnsupportedMediaType', `Chỉ nhận ${accepted.join(', ')}`, {
        Accept: accepted.join(', '),
      });
    const fault = this.pickFault();
    if (fault) {
      this.stats.faultsServed++;
      if (fault === 'drop') return void req.socket.destroy();
      if (fault === '401') return this.problem(res, 401, 'UnauthorizedRequest', 'Mã truy cập hết hạn');
      if (fault === '429' || fault === '503')
        return this.problem(
          res,
          Number(fault),
          fault === '429' ? 'TooManyRequests' : 'ServiceUnavailable',
          'Cổng đang bận',
          { 'Retry-After': String(this.opts.retryAfterSec ?? 1) },
        );
      if (fault === '413')
        return this.problem(res, 413, 'CaptureLimitExceededException', 'Gói dữ liệu quá lớn', this.limitHeaders());
      if (fault === 'slow') {
        await sleep(this.opts.slowMs ?? 5000);
        // The events are captured even though the client gave up waiting: its resend must not double them.
      }
      if (fault === '500') return this.problem(res, 500, 'ImplementationException', 'Lỗi máy chủ');
    }
    if (this.opts.fileSizeLimit && Buffer.byteLength(body) > this.opts.fileSizeLimit)
      return this.problem(res, 413, 'CaptureLimitExceededException', 'Tệp quá lớn', this.limitHeaders());
    let doc: {
      epcisBody?: { eventList?: Record<string, unknown>[] };
      epcisHeader?: {
        epcisMasterData?: { vocabularyList?: { type: string; vocabularyElementList?: { id: string }[] }[] };
      };
    };
    try {
      doc = JSON.parse(body);
    } catch {
      return this.problem(res, 400, 'ValidationException', 'Không đọc được JSON');
    }
    const events = doc.epcisBody?.eventList ?? [];
    if (this.opts.captureLimit && events.length > this.opts.captureLimit)
      return this.problem(
        res,
        413,
        'CaptureLimitExceededException',
        `Tối đa ${this.opts.captureLimit} sự kiện mỗi lần gửi`,
        this.limitHeaders(),
      );
    const behaviour = req.headers['gs1-capture-error-behaviour'] === 'proceed' ? 'proceed' : 'rollback';
    const errors: Job['errors'] = [];
    const good: Record<string, unknown>[] = [];
    const whole = validateEpcis(doc);
    if (!whole.ok && !Array.isArray(doc.epcisBody?.eventList))
      return this.problem(res, 400, 'ValidationException', whole.errors.join('; '));
    // Beyond the schema: the semantic rules a strict server applies (main/epcis/rules.ts), and no event from the future.
    const broken = new Map<string, RuleViolation>();
    for (const v of checkEpcisRules(doc, 'capture', { now: Date.now() }))
      if (v.eventID === null) return this.problem(res, 400, 'ValidationException', ruleText(v));
      else if (!broken.has(v.eventID)) broken.set(v.eventID, v);
    for (const ev of events) {
      const single = whole.ok
        ? whole
        : validateEpcis({ ...doc, epcisHeader: undefined, epcisBody: { eventList: [ev] } });
      const id = String(ev.eventID ?? '');
      if (!single.ok)
        errors.push({
          type: 'epcisException:ValidationException',
          title: 'Sự kiện không đúng lược đồ EPCIS 2.0',
          status: 400,
          detail: single.errors.join('; '),
          instance: id,
        });
      else if (broken.has(id))
        errors.push({
          type: 'epcisException:ValidationException',
          title: EPCIS_RULES[broken.get(id)!.rule].vi,
          status: 400,
          detail: ruleText(broken.get(id)!),
          instance: id,
        });
      else if (this.opts.rejectMatch && JSON.stringify(ev).includes(this.opts.rejectMatch))
        errors.push({
          type: 'epcisException:ValidationException',
          title: 'Sản phẩm chưa được đăng ký trên cổng',
          status: 400,
          detail: `Sản phẩm chưa được đăng ký trên cổng (${this.opts.rejectMatch})`,
          instance: id,
        });
      else good.push(ev);
    }
    const id = crypto.randomBytes(8).toString('hex');
    const now = new Date().toISOString();
    const store = errors.length === 0 || behaviour === 'proceed';
    if (store) {
      const ins = this.db.prepare(
        'INSERT INTO events(key, event_id, type, event_time, biz_step, body, capture_id, received_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET times_received = times_received + 1',
      );
      const md = this.db.prepare(
        'INSERT INTO master(id, type, body, received_at) VALUES (?,?,?,?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, received_at = excluded.received_at',
      );
      this.db.transaction(() => {
        for (const ev of good) {
          const eid = String(ev.eventID ?? `urn:uuid:${crypto.randomUUID()}`);
          const key = ev.errorDeclaration ? `${eid}#error` : eid;
          if (
            ins.run(key, eid, ev.type, ev.eventTime, ev.bizStep ?? null, JSON.stringify(ev), id, now).changes === 1 &&
            this.db.prepare('SELECT times_received FROM events WHERE key = ?').pluck().get(key) !== 1
          )
            this.stats.duplicates++;
        }
        for (const v of doc.epcisHeader?.epcisMasterData?.vocabularyList ?? [])
          for (const el of v.vocabularyElementList ?? []) md.run(el.id, v.type, JSON.stringify(el), now);
      })();
    }
    const job: Job = {
      captureID: id,
      createdAt: now,
      finishedAt: now,
      running: false,
      success: errors.length === 0,
      captureErrorBehaviour: behaviour,
      errors,
    };
    this.db.prepare('INSERT INTO jobs(id, body) VALUES (?, ?)').run(id, JSON.stringify(job));
    res.writeHead(202, { Location: `/capture/${id}`, 'GS1-EPCIS-Version': '2.0', 'content-type': 'application/json' });
    res.end(JSON.stringify({ captureID: id }));
  }

  private page(): string {
    const esc = (s: unknown) =>
      String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
    const total = this.eventCount();
    const corrections = (
      this.db.prepare("SELECT COUNT(*) AS n FROM events WHERE key LIKE '%#error'").get() as { n: number }
    ).n;
    const master = (this.db.prepare('SELECT COUNT(*) AS n FROM master').get() as { n: number }).n;
    const rows = this.db
      .prepare(
        'SELECT event_id, type, event_time, biz_step, body, received_at, times_received FROM events ORDER BY rowid DESC LIMIT 200',
      )
      .all() as Record<string, string | number>[];
    const TYPE: Record<string, string> = { ObjectEvent: 'Sự kiện hàng hoá', TransformationEvent: 'Sự kiện sản xuất' };
    const viTime = (iso: string) => new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
    const STEP: Record<string, string> = {
      receiving: 'Nhập hàng',
      commissioning: 'Sản xuất',
      shipping: 'Xuất hàng',
      storing: 'Tồn đầu kỳ',
      holding: 'Tạm giữ',
      destroying: 'Huỷ',
    };
    const lots = (b: string) => {
      const e = JSON.parse(b) as Record<string, { epcClass: string; quantity?: number; uom?: string }[]>;
      return [...(e.quantityList ?? []), ...(e.inputQuantityList ?? []), ...(e.outputQuantityList ?? [])]
        .map((q) => `${esc(q.epcClass)} × ${q.quantity ?? ''} ${esc(q.uom ?? '')}`)
        .join('<br>');
    };
    return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Cổng TXNG mô phỏng</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}h1{color:#0b5}table{border-collapse:collapse;width:100%;font-size:14px}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eef5ee}.big{font-size:28px;font-weight:bold}</style></head>
<body><h1>Cổng truy xuất nguồn gốc (mô phỏng)</h1><p>Máy chủ EPCIS 2.0 chạy trên máy này để tập huấn, không cần Internet.</p>
<p class="big">Đã nhận ${total} sự kiện</p><p>${corrections} lần khai báo sửa sai · ${master} mục dữ liệu gốc (sản phẩm, địa điểm, đối tác) · ${this.stats.posts} lần gửi · ${this.stats.duplicates} lần gửi trùng đã bỏ qua</p>
<table><tr><th>Nhận lúc</th><th>Loại</th><th>Công đoạn</th><th>Thời gian sự kiện</th><th>Lô / số lượng</th><th>Mã sự kiện</th></tr>
${rows.map((r) => `<tr><td>${esc(viTime(String(r.received_at)))}</td><td>${esc(TYPE[String(r.type)] ?? r.type)}${String(r.body).includes('errorDeclaration') ? ' (khai báo sửa sai)' : ''}</td><td>${esc(STEP[String(r.biz_step)] ?? r.biz_step)}</td><td>${esc(r.event_time)}</td><td>${lots(String(r.body))}</td><td><small>${esc(r.event_id)}</small></td></tr>`).join('\n')}
</table></body></html>`;
  }
}

function countEvents(body: string): number {
  try {
    const list = (JSON.parse(body) as { epcisBody?: { eventList?: unknown[] } }).epcisBody?.eventList;
    return Array.isArray(list) ? list.length : 0;
  } catch {
    return 0;
  }
}

const ruleText = (v: RuleViolation) => `${v.rule}: ${v.detail}`;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
