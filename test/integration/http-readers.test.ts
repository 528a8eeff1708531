// `nguongoc serve` answers read methods on reader threads with their own connections: a long export
// does not hold up the clicks behind it, writes stay on the host's connection and the readers see them at
// once, and every call keeps its envelope, language and permission checks.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../main/core';
import { aProduct, tempDir } from '../helpers/core';
import { serve, type Served } from '../helpers/dist';

type Envelope = { ok: boolean; data?: unknown; error?: { code: string; message: string } };

/** A database with a large audit log: exporting it to a spreadsheet takes a while. */
function bigAuditDb(rows: number): string {
  const file = path.join(tempDir(), 'shop.db');
  const core = openCore({ dbPath: file, host: 'test', log: () => {} });
  core.db
    .prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO audit_log (at, user, action, entity, entity_id, before, after)
       SELECT '2026-11-29T09:00:00.000+07:00', 'owner', 'test.filler', 'test', i, NULL, json_object('note', printf('%.400c', 'x')) FROM n`,
    )
    .run(rows);
  core.close();
  return file;
}

describe('serve with readers', () => {
  const servers: Served[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });
  const call = (srv: Served, method: string, input: unknown = {}, headers: Record<string, string> = {}) =>
    fetch(`${srv.url}api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${srv.token}`, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(input),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Envelope }));

  it('answers quick reads while a long export runs, and the export still arrives whole', async () => {
    const srv = await serve(['--db', bigAuditDb(20_000)]);
    servers.push(srv);
    // Until its readers are up the host answers everything itself.
    while (!srv.stderr().includes('[readers] 2 ready')) await new Promise((r) => setTimeout(r, 50));
    const order: string[] = [];
    const exported = call(srv, 'audit.export', { format: 'xlsx' }).then((r) => {
      order.push('export');
      return r;
    });
    // Clicks one after another (each waits for its answer) for as long as the export runs.
    let quick = 0;
    while (!order.includes('export') && quick < 2000) {
      const r = await call(srv, 'business.get');
      expect(r.body.ok).toBe(true);
      if (!order.includes('export')) quick++;
      order.push('business.get');
    }
    const done = await exported;
    expect(done.body.ok, JSON.stringify(done.body.error)).toBe(true);
    expect((done.body.data as { bytes: number }).bytes).toBeGreaterThan(50_000);
    // Several clicks were answered before the export, one after the other.
    expect(quick).toBeGreaterThanOrEqual(5);
    expect(order.indexOf('export')).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('reads on readers see each write at once, in the caller language, with the same refusals', async () => {
    const srv = await serve(['--db', path.join(tempDir(), 'shop.db')]);
    servers.push(srv);
    for (let i = 0; i < 5; i++) {
      const made = await call(srv, 'products.create', aProduct({ code: `P-${i}` }));
      expect(made.body.ok).toBe(true);
      const list = await call(srv, 'products.list', { search: `P-${i}` });
      expect((list.body.data as { items: { code: string }[] }).items.map((p) => p.code)).toContain(`P-${i}`);
    }
    const bad = await call(srv, 'recipes.get', { id: 999_999 }, { 'X-Nguongoc-Lang': 'en' });
    expect(bad.status).toBe(404);
    expect(bad.body.error?.code).toBe('NOT_FOUND');
    expect(bad.body.error?.message).not.toMatch(/[ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ]/i);
    const invalid = await call(srv, 'lots.list', { limit: 'many' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error?.code).toBe('VALIDATION');
    // Once users are set up, a read without a session is refused on the readers too.
    const setup = await call(srv, 'users.setup', { name: 'Chủ cơ sở', pin: '2468' });
    expect(setup.body.ok, JSON.stringify(setup.body.error)).toBe(true);
    const anonymous = await call(srv, 'products.list');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe('LOGIN_REQUIRED');
  }, 60_000);
});
