// `nguongoc trace` and `nguongoc recall` on a database recorded through the API.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/dist';
import { makeCore, tempDir } from '../helpers/core';
import { TraceWorld, type WorldLot } from '../helpers/trace-factory';

describe('trace and recall on the command line', () => {
  let db: string;
  let dir: string;
  let raw: WorldLot;
  let box: WorldLot;
  beforeAll(() => {
    dir = tempDir();
    db = path.join(dir, 'trace.db');
    const w = new TraceWorld(makeCore({ file: db }));
    raw = w.receive('DIEU', 500, { lotCode: 'DIEU-261120-001', supplierLotCode: 'BP-2611' });
    const [roasted] = w.batch('DIEU-RANG', [{ qty: 400, inputs: [{ lot: raw, qty: 450 }] }]);
    [box] = w.batch('DIEU-HOP', [{ qty: 380, lotCode: 'HOP-261125-001', inputs: [{ lot: roasted, qty: 390 }] }]);
    w.ship(box, 100, w.customer('Siêu thị Co.op Biên Hòa'));
    w.receive('TIEU', 5, { lotCode: 'L1' });
    w.receive('MUOI', 5, { lotCode: 'L1' });
    w.core.close();
  });

  it('prints the trace as JSON with product code, lot code, link quantity and unit, and partner contacts', async () => {
    const r = await runCli(['trace', 'HOP-261125-001', '--db', db, '--direction', 'back', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.roots).toEqual([{ productCode: 'DIEU-HOP', lotCode: 'HOP-261125-001' }]);
    expect(j.lots.find((l: { lotCode: string }) => l.lotCode === 'DIEU-261120-001')).toMatchObject({
      side: 'back',
      level: 2,
      productCode: 'DIEU',
      qty: 450,
      unit: 'kg',
      supplierLotCode: 'BP-2611',
    });
    expect(j.partners).toContainEqual(
      expect.objectContaining({ role: 'supplier', name: 'HTX Điều Bình Phước', phone: '0912 345 678' }),
    );
    const f = await runCli(['trace', 'DIEU-261120-001', '--db', db, '--direction', 'forward', '--json']);
    expect(JSON.parse(f.stdout).partners).toContainEqual(
      expect.objectContaining({ role: 'customer', name: 'Siêu thị Co.op Biên Hòa', email: 'kh1@cuahang.vn' }),
    );
    const text = await runCli(['trace', 'DIEU-261120-001', '--db', db]);
    expect(text.stdout).toContain('→ DIEU-HOP/HOP-261125-001');
    expect(text.stdout).toContain('Xuất cho Siêu thị Co.op Biên Hòa');
  });

  it('explains unknown and ambiguous codes with exit code 1', async () => {
    const u = await runCli(['trace', 'HOP-261125-002', '--db', db]);
    expect(u.code).toBe(1);
    expect(u.stderr).toContain('LOT_NOT_FOUND_CODE');
    expect(u.stderr).toContain('DIEU-HOP/HOP-261125-001');
    const a = await runCli(['trace', 'L1', '--db', db, '--lang', 'en']);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain('MUOI/L1');
    expect((await runCli(['trace', 'TIEU/L1', '--db', db])).code).toBe(0);
  });

  it('prints the recall scope, then holds every affected lot once and exports the record', async () => {
    const s = await runCli(['recall', 'BP-2611', '--db', db, '--json']);
    expect(s.code).toBe(0);
    const scope = JSON.parse(s.stdout);
    expect(scope.totals).toMatchObject({ lots: 3, customers: 1 });
    expect(scope.customers[0]).toMatchObject({
      name: 'Siêu thị Co.op Biên Hòa',
      phone: '0283 8123 456',
      lots: [{ productCode: 'DIEU-HOP', lotCode: 'HOP-261125-001', qty: 100, unit: 'kg' }],
    });
    const out = path.join(dir, 'thu-hoi.xlsx');
    const h = await runCli(['recall', 'BP-2611', '--db', db, '--hold', '--reason', 'Nấm mốc', '--out', out, '--json']);
    expect(h.code).toBe(0);
    const held = JSON.parse(h.stdout);
    expect(held.recall.heldLots).toBe(3);
    expect(held.lots.every((l: { status: string }) => l.status === 'on_hold')).toBe(true);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const again = await runCli(['recall', 'BP-2611', '--db', db, '--hold', '--json']);
    expect(JSON.parse(again.stdout).recall.ref).toBe(held.recall.ref);
    const lots = JSON.parse((await runCli(['api', 'events.list', '{"kind":"status"}', '--db', db])).stdout);
    expect(lots.total).toBe(3);
  });
});
