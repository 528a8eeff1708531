// Sync to HanoiCheck's supplier API through the same engine (outbox, per-item status, retries), against the local
// simulator over a real socket: every product and lot once with valid signatures, nothing on a second sync,
// 422s per record in Vietnamese, and token renewal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { buildDemo, demoClock } from '../../main/demo';
import { runSync } from '../../main/sync/engine';
import { savePortal, portalConfig, currentPortal } from '../../main/sync/portals';
import { listItems } from '../../main/sync/outbox';
import { HanoiCheckSim } from '../../main/portal-sim/hanoicheck';
import { HanoiCheckAdapter } from '../../main/sync/hanoicheck/adapter';

const CLIENT = { clientId: 'ncc-dongnaixanh', clientSecret: 'hmac_secret_demo' };

describe('HanoiCheck sync', () => {
  let core: Core;
  let sim: HanoiCheckSim;

  beforeEach(async () => {
    const clock = demoClock();
    core = openCore({ dbPath: ':memory:', host: 'test', clock, log: () => {} });
    buildDemo(core, clock, { scale: 20, seed: 3, endDate: '2026-11-29' });
  }, 120_000);
  afterEach(async () => {
    await sim?.close();
    core.close();
  });

  async function connect(opts: ConstructorParameters<typeof HanoiCheckSim>[0] = {}) {
    sim = new HanoiCheckSim({ ...CLIENT, ...opts });
    const url = await sim.listen();
    core.db.transaction(() =>
      savePortal(
        core.db,
        {
          type: 'hanoicheck',
          url,
          auth: 'oauth2',
          secret: CLIENT.clientSecret,
          settings: { clientId: CLIENT.clientId },
        },
        '2026-11-29T08:00:00+07:00',
      ),
    )();
  }
  const sync = (extra: Parameters<typeof runSync>[1] = {}) =>
    runSync(core.db, { baseDelayMs: 1, maxDelayMs: 5, ...extra });
  const count = (sql: string) => core.db.prepare(sql).pluck().get() as number;

  it('delivers every product and lot once with valid signatures, and a second sync sends nothing', async () => {
    await connect();
    const r = await sync();
    expect(r.outcome).toBe('done');
    expect(r.counts.pending).toBe(0);
    expect(sim.count('facilities')).toBe(1);
    expect(sim.count('warehouses')).toBe(count('SELECT COUNT(*) FROM locations'));
    expect(sim.count('foods')).toBe(count('SELECT COUNT(*) FROM products'));
    expect(sim.count('batches')).toBe(count('SELECT COUNT(*) FROM lots'));
    expect(sim.stats).toMatchObject({ badSignatures: 0, unchangedResends: 0, rejected: 0, tokens: 1 });
    expect(sim.stats.records).toBe([...sim.records.values()].reduce((n, m) => n + m.size, 0));
    // Steps of a made lot: its production first, in time order, numbered.
    const lot = core.db
      .prepare(
        "SELECT p.code AS p, l.code AS l FROM lots l JOIN products p ON p.id = l.product_id WHERE l.origin = 'production' LIMIT 1",
      )
      .get() as { p: string; l: string };
    const batch = JSON.parse(sim.records.get('batches')!.get(`${lot.p}/${lot.l}`)!.body);
    expect(batch.danh_sach_khau[0]).toMatchObject({ ma_khau: 'SAN_XUAT', thu_tu: 1 });
    expect(batch.danh_sach_khau.map((s: { thu_tu: number }) => s.thu_tu)).toEqual(
      batch.danh_sach_khau.map((_: unknown, i: number) => i + 1),
    );

    const merges = sim.stats.merges;
    const again = await sync();
    expect(again).toMatchObject({ outcome: 'done', sent: 0 });
    expect(sim.stats.merges).toBe(merges);
  });

  it('shows a 422 per record in Vietnamese and lets the rest through', async () => {
    const bad = core.db.prepare("SELECT code FROM lots WHERE origin = 'receipt' LIMIT 1").pluck().get() as string;
    await connect({ rejectMatch: bad });
    const r = await sync();
    expect(r.outcome).toBe('partial');
    const portal = currentPortal(core.db)!;
    const rejected = listItems(core.db, portal.id, { status: 'rejected', limit: 100, offset: 0, lang: 'vi' }).items;
    expect(rejected.length).toBeGreaterThan(0);
    for (const i of rejected) expect(i.reason).toMatch(new RegExp(`lô ${bad}: mã lô: Bị từ chối`));
    expect(sim.count('batches')).toBe(count('SELECT COUNT(*) FROM lots') - 1);
    expect(r.counts.pending).toBe(0);
  });

  it('renews an expired token with the refresh token', async () => {
    await connect();
    const adapter = new HanoiCheckAdapter(portalConfig(core.db, currentPortal(core.db)!.id), core.db);
    await sync({ adapter: () => adapter });
    sim.expireTokens();
    const lot = core.db.prepare("SELECT id FROM lots WHERE status = 'available' LIMIT 1").pluck().get() as number;
    core.run('lots.setStatus', { lotIds: [lot], status: 'on_hold', reason: 'Kiểm tra lại' });
    const r = await sync({ adapter: () => adapter });
    expect(r).toMatchObject({ outcome: 'done', accepted: 1 });
    expect(sim.stats).toMatchObject({ tokens: 1, refreshes: 1, badSignatures: 0 });
  });
});
