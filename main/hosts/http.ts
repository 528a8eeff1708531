// Browser mode: serves the built renderer and the API over HTTP, for trainers projecting the app, for
// a classroom on the LAN, and for end-to-end tests. Thin: it only moves envelopes to and from the core.
//   POST /api/<method>  JSON body → { ok: true, data } | { ok: false, error: { code, message } }
//   GET  /api           list of the methods offered here
// Every API call needs "Authorization: Bearer <token>", and once users are set up also
// "X-Nguongoc-Session: <session>" from users.login (except the public login methods). Requests whose Host or Origin is not this
// server's own are refused, which stops cross-site requests and DNS rebinding.
// Only the methods the app's page uses are offered (shared/api/renderer-methods.ts), to every caller:
// the token sits in every loopback page and every classroom link, so holding it cannot tell the page
// from a script that stole it. The other methods are for `nguongoc api` (in-process, no token).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { api, isMethodName } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { notInAppRefusal, RENDERER_METHODS } from '../../shared/api/renderer-methods';
import { parseLang, type Lang } from '../../shared/i18n/messages';
import type { Core } from '../core/core';
import { contentSecurityPolicy, MIME } from './web-assets';
import { isPublicPath, publicAnswer } from '../publish/resolve';
import { routeCall, type ReaderPool } from './reader-pool';

export type HttpHostOptions = {
  core: Core;
  host?: string;
  port?: number;
  token?: string;
  /** Folder of the built renderer (index.html + assets); API-only when absent. */
  staticDir?: string;
  maxBodyBytes?: number;
  /** Readers for read methods (worker threads with their own connections); without, the core answers all. */
  readers?: ReaderPool;
  /** The background integrity check: writes wait for its verdict (main/store/integrity.ts). */
  integrity?: { settled: Promise<void> };
};

export type HttpHost = {
  server: http.Server;
  url: string;
  token: string;
  port: number;
  host: string;
  /** Addresses to share with a classroom when bound to all interfaces. */
  shareUrls: string[];
  close(): Promise<void>;
};

const CSP = contentSecurityPolicy();

export function generateToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

function isLoopback(addr: string | undefined): boolean {
  return !!addr && (addr === '127.0.0.1' || addr === '::1' || addr === '::ffff:127.0.0.1' || addr.startsWith('127.'));
}

/** This machine's own addresses (read from its interfaces, never by probing the network). */
function ownAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') out.push(a.address);
  }
  return out;
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/** Loopback names a server may bind to without users: only this PC can reach it. */
const LOOPBACK_BINDS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export async function startHttpHost(opts: HttpHostOptions): Promise<HttpHost> {
  const host = opts.host ?? '127.0.0.1';
  // On a LAN bind the token is shared with a whole classroom: it must not make everyone the owner.
  if (!LOOPBACK_BINDS.has(host) && !opts.core.run('users.status', {}).configured)
    throw new AppError('LAN_NEEDS_OWNER_PIN', { host });
  const token = opts.token ?? generateToken();
  const maxBody = opts.maxBodyBytes ?? 20 * 1024 * 1024;
  const core = opts.core;
  let allowedHosts = new Set<string>();

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      const e = err instanceof AppError ? err : new AppError('INTERNAL', { detail: String(err) });
      if (e.code === 'PAYLOAD_TOO_LARGE') res.setHeader('Connection', 'close');
      sendJson(res, e.status, { ok: false, error: e.toBody(langOf(req)) });
    });
  });

  function langOf(req: http.IncomingMessage): Lang {
    return parseLang(req.headers['x-nguongoc-lang'] ?? req.headers['accept-language']?.split(',')[0] ?? 'vi');
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const lang = langOf(req);
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    if (!allowedHosts.has(hostHeader)) return refuse(res, lang, new AppError('FOREIGN_ORIGIN', {}, { status: 403 }));
    const origin = req.headers.origin;
    if (origin && origin !== 'null' && !allowedHosts.has(originHost(origin)))
      return refuse(res, lang, new AppError('FOREIGN_ORIGIN', {}, { status: 403 }));
    if (origin === 'null') return refuse(res, lang, new AppError('FOREIGN_ORIGIN', {}, { status: 403 }));

    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return handleApi(req, res, url, lang);
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(res, lang, new AppError('BAD_REQUEST', {}, { status: 405 }));
    if (isPublicPath(url.pathname)) return servePublic(req, res, url, hostHeader);
    return serveStatic(req, res, url);
  }

  /** A lot's consumer page (or its linkset) at its Digital Link path: public and read only, no token. */
  function servePublic(req: http.IncomingMessage, res: http.ServerResponse, url: URL, hostHeader: string): void {
    const ans = publicAnswer(core.db, core.today(), url, req.headers.accept ?? '', `http://${hostHeader}`)!;
    res.writeHead(ans.status, {
      ...ans.headers,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });
    res.end(req.method === 'HEAD' ? undefined : ans.body);
  }

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, lang: Lang): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer (.+)$/.exec(auth);
    if (!m || !safeEqual(m[1].trim(), token)) return refuse(res, lang, new AppError('UNAUTHORIZED'));
    if (url.pathname === '/api' || url.pathname === '/api/') {
      if (req.method !== 'GET') return refuse(res, lang, new AppError('BAD_REQUEST', {}, { status: 405 }));
      return sendJson(res, 200, { ok: true, data: RENDERER_METHODS });
    }
    if (req.method !== 'POST') return refuse(res, lang, new AppError('BAD_REQUEST', {}, { status: 405 }));
    const methodName = decodePath(url.pathname.slice('/api/'.length));
    if (methodName === null) return refuse(res, lang, new AppError('BAD_REQUEST'));
    const notInApp = notInAppRefusal(methodName);
    if (notInApp) return refuse(res, lang, notInApp);
    const type = req.headers['content-type'] ?? '';
    if (Number(req.headers['content-length'] ?? 0) > maxBody) {
      res.setHeader('Connection', 'close');
      return refuse(res, lang, new AppError('PAYLOAD_TOO_LARGE'));
    }
    const raw = await readBody(req, maxBody);
    let input: unknown = {};
    if (raw.length) {
      // JSON only: a form post from another site cannot send this content type without a preflight.
      if (!type.startsWith('application/json'))
        return refuse(res, lang, new AppError('BAD_REQUEST', {}, { status: 415 }));
      try {
        input = JSON.parse(raw.toString('utf8'));
      } catch {
        return refuse(res, lang, new AppError('BAD_REQUEST'));
      }
    }
    // After a PIN login the UI sends its session token; without one, a database with users
    // answers only the public methods (login screen), one without users acts as before (the owner).
    const sessionHeader = req.headers['x-nguongoc-session'];
    const session = typeof sessionHeader === 'string' && sessionHeader.length <= 200 ? sessionHeader : undefined;
    const result = await answer(methodName, input, { lang, session });
    const { status, ...envelope } = result;
    sendJson(res, status, envelope);
  }

  /** A read on a reader when there is one; a write after the integrity verdict, on the host's connection. */
  async function answer(method: string, input: unknown, ctx: { lang: Lang; session?: string }) {
    return routeCall(opts.readers ?? null, method, input, ctx, async () => {
      if (isMethodName(method) && api[method].access === 'write') await opts.integrity?.settled;
      return core.call(method, input, ctx);
    });
  }

  function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    let rel = decodePath(url.pathname);
    if (rel === null) return sendText(res, 400, 'Bad request');
    if (!opts.staticDir) return sendText(res, 404, 'Not found');
    const root = path.resolve(opts.staticDir);
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(root, '.' + rel);
    if (!file.startsWith(root + path.sep)) return sendText(res, 404, 'Not found');
    let target = file;
    if (!fs.existsSync(target) || fs.statSync(target).isDirectory()) target = path.join(root, 'index.html');
    if (!fs.existsSync(target)) return sendText(res, 404, 'Not found');
    const ext = path.extname(target);
    const headers: http.OutgoingHttpHeaders = {
      'Content-Type': MIME[ext] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (ext === '.html') {
      headers['Content-Security-Policy'] = CSP;
      headers['X-Frame-Options'] = 'DENY';
      headers['Cache-Control'] = 'no-store';
      let html = fs.readFileSync(target, 'utf8');
      // The page of a loopback visitor gets the token so the UI just works; a classroom visitor
      // arrives with the token in the shared link (#token=…) instead.
      const meta = isLoopback(req.socket.remoteAddress) ? `<meta name="nguongoc-token" content="${token}">` : '';
      html = html.replace('<head>', `<head>${meta}<meta name="nguongoc-host" content="http">`);
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : html);
      return;
    }
    headers['Cache-Control'] = rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(target).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const names = ['localhost', '127.0.0.1', '[::1]'];
  const lan = host === '0.0.0.0' || host === '::' ? ownAddresses() : [];
  if (!names.includes(host) && host !== '0.0.0.0' && host !== '::') names.push(host);
  allowedHosts = new Set([...names, ...lan].map((h) => `${h}:${port}`.toLowerCase()));
  const displayHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    server,
    port,
    host,
    token,
    url: `http://${displayHost}:${port}/`,
    shareUrls: lan.map((a) => `http://${a}:${port}/#token=${token}`),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A percent-decoded URL path, or null when its encoding is malformed (answered 400, never a crash). */
function decodePath(p: string): string | null {
  try {
    const d = decodeURIComponent(p);
    return d.includes('\0') ? null : d;
  } catch {
    return null;
  }
}

function originHost(origin: string): string {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return '';
  }
}

function readBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        // Answer 413 and drop the rest; the socket closes after the answer (Connection: close).
        if (size - c.length <= max) reject(new AppError('PAYLOAD_TOO_LARGE'));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const s = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(s);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function refuse(res: http.ServerResponse, lang: Lang, err: AppError): void {
  sendJson(res, err.status, { ok: false, error: err.toBody(lang) });
}
