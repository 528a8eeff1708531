// The HTTP host over a real socket: auth, origin checks, envelopes and status codes.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../main/hosts/http';
import { aProduct, makeCore, tempDir } from '../helpers/core';
import type { Core } from '../../main/core';
import { RENDERER_METHODS } from '../../shared/api/renderer-methods';

type Res = { status: number; body: string; headers: http.IncomingHttpHeaders };

function request(
  host: HttpHost,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { Host: `127.0.0.1:${host.port}`, ...opts.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('HTTP host', () => {
  let core: Core;
  let host: HttpHost;
  const auth = () => ({ Authorization: `Bearer ${host.token}` });
  const post = (method: string, input: unknown, headers: Record<string, string> = {}) =>
    request(host, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'Content-Type': 'application/json', ...auth(), ...headers },
      body: JSON.stringify(input),
    });

  beforeAll(async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><html><head><title>t</title></head><body></body></html>',
    );
    core = makeCore();
    host = await startHttpHost({ core, port: 0, staticDir: dir, maxBodyBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await host.close();
    core.close();
  });

  it('binds to loopback and generates a token when none is given', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.token.length).toBeGreaterThanOrEqual(24);
  });

  it('lists the methods of the app page with GET /api, and refuses every other method to every caller', async () => {
    const r = await request(host, { path: '/api', headers: auth() });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).data).toEqual([...RENDERER_METHODS]);
    // The token is in every loopback page: a script holding it gets no more than the page (no users: the owner).
    for (const m of ['stock.rebuild', 'lots.createOpening', 'labels.updateSettings', 'products.get']) {
      const res = await post(m, {});
      expect([res.status, JSON.parse(res.body).error.code], m).toEqual([403, 'METHOD_NOT_IN_APP']);
    }
    const en = JSON.parse((await post('stock.rebuild', {}, { 'X-Nguongoc-Lang': 'en' })).body);
    expect(en.error.message).toMatch(/^This cannot be done from the app screens/);
  });

  it('creates a product and answers the envelope', async () => {
    const r = await post('products.create', aProduct({ code: 'HTTP-1' }));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, data: { code: 'HTTP-1' } });
  });

  it('answers a validation error with 400 and field messages in the asked language', async () => {
    const r = await post('products.create', aProduct({ gtin: '9520000000012' }), {
      'Accept-Language': 'en-US,en;q=0.9',
    });
    expect(r.status).toBe(400);
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: [{ path: 'gtin', code: 'GTIN_CHECK_DIGIT' }] },
    });
    expect(body.error.fields[0].message).toMatch(/check digit is wrong/);
  });

  it('answers 409 for a duplicate and 404 for an unknown method or record', async () => {
    expect((await post('products.create', aProduct({ code: 'HTTP-1' }))).status).toBe(409);
    expect((await post('products.nuke', {})).status).toBe(404);
    const nf = await post('recipes.get', { id: 999 });
    expect(nf.status).toBe(404);
    expect(JSON.parse(nf.body).error.message).toBe('Không tìm thấy công thức (mã 999).');
  });

  it('refuses a missing or wrong token with 401', async () => {
    const r1 = await request(host, {
      method: 'POST',
      path: '/api/business.get',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(r1.status).toBe(401);
    expect(JSON.parse(r1.body).error.code).toBe('UNAUTHORIZED');
    expect((await post('business.get', {}, { Authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('refuses a foreign Origin and a foreign Host (CSRF, DNS rebinding)', async () => {
    const r1 = await post('business.get', {}, { Origin: 'http://evil.example' });
    expect(r1.status).toBe(403);
    expect(JSON.parse(r1.body).error.code).toBe('FOREIGN_ORIGIN');
    const r2 = await post('business.get', {}, { Host: `evil.example:${host.port}` });
    expect(r2.status).toBe(403);
    expect(
      (await post('business.get', {}, { Origin: `http://localhost:${host.port}`, Host: `localhost:${host.port}` }))
        .status,
    ).toBe(200);
  });

  it('refuses bad JSON, a non-JSON body and an oversized body, and keeps running', async () => {
    const bad = await request(host, {
      method: 'POST',
      path: '/api/products.create',
      headers: { 'Content-Type': 'application/json', ...auth() },
      body: '{oops',
    });
    expect(bad.status).toBe(400);
    const form = await request(host, {
      method: 'POST',
      path: '/api/products.create',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...auth() },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
    const big = await post('products.create', { ...aProduct(), ingredients: 'x'.repeat(100_000) });
    expect(big.status).toBe(413);
    expect((await post('system.info', {})).status).toBe(200);
  });

  it('serves the page with the token for a loopback visitor, under a strict CSP', async () => {
    const r = await request(host, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).toContain(`<meta name="nguongoc-token" content="${host.token}">`);
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    const traversal = await request(host, { path: '/../../etc/passwd' });
    expect(traversal.body).not.toContain('root:');
  });
});
