// Behaviour that keeps the screens fast on a big database: the hot queries read through indexes (no
// full scan of lots or events), the lot page's lists come a page at a time and add up to the whole list,
// and the CLI answers --help and --version without loading the label and document libraries.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, NODE } from '../helpers/dist';
import { makeCore } from '../helpers/core';

const plan = (core: ReturnType<typeof makeCore>, sql: string, ...args: unknown[]) =>
  (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
const fullScan = (details: string[], table: string) =>
  details.some((d) => new RegExp(`^SCAN ${table}\\b(?! USING)`).test(d));

describe('at scale', () => {
  it('the all-lots order, the workshop checklist and the completeness window read through indexes', () => {
    const core = makeCore();
    const lots = plan(
      core,
      'SELECT l.id FROM lots l JOIN products p ON p.id = l.product_id ORDER BY l.created_at DESC, l.id DESC LIMIT 50',
    );
    expect(lots.join('\n')).toContain('lots_created');
    expect(lots.join('\n')).not.toContain('TEMP B-TREE');
    const receive = plan(core, "SELECT min(recorded_at) FROM events WHERE kind = 'receipt' AND recorded_at > ?", 'x');
    expect(receive.join('\n')).toContain('events_kind_recorded');
    for (const sql of [
      `SELECT l.id FROM batches b CROSS JOIN events e ON e.doc_type = 'batch' AND e.doc_id = b.id
       JOIN event_lines o ON o.event_id = e.id AND o.role = 'output' JOIN lots l ON l.id = o.lot_id
       WHERE b.production_date >= ? AND b.production_date <= ?`,
      `SELECT l.id FROM receipts r CROSS JOIN events e ON e.doc_type = 'receipt' AND e.doc_id = r.id
       JOIN event_lines x ON x.event_id = e.id AND x.role = 'object' JOIN lots l ON l.id = x.lot_id
       WHERE r.receipt_date >= ? AND r.receipt_date <= ?`,
    ]) {
      const p = plan(core, sql, '2026-01-01', '2026-01-31');
      expect(p[0]).toMatch(/^SEARCH [br] USING (COVERING )?INDEX (batches_date|receipts_date)/);
      expect(fullScan(p, 'e') || fullScan(p, 'events')).toBe(false);
    }
    core.close();
  });

  it('a lot used in many batches: lots.get carries the first page, lots.usedIn and lots.history the rest', () => {
    const core = makeCore();
    const loc = core.run('locations.create', { name: 'Xưởng', kind: 'production' });
    const sup = core.run('partners.create', { kind: 'supplier', name: 'HTX Muối' });
    const salt = core.run('products.create', { kind: 'raw', name: 'Muối', code: 'MUOI', unit: 'kg' });
    const out = core.run('products.create', { kind: 'finished', name: 'Điều rang muối', code: 'DRM', unit: 'kg' });
    const r = core.run('receipts.create', {
      supplierId: sup.id,
      locationId: loc.id,
      lines: [{ productId: salt.id, qty: 1000, supplierLotCode: 'M-1' }],
    });
    const saltLot = r.lines[0].lot.id;
    const N = 120;
    for (let i = 0; i < N; i++)
      core.run('batches.record', {
        productId: out.id,
        locationId: loc.id,
        inputs: [{ lotId: saltLot, qty: 1 }],
        outputs: [{ qty: 5 }],
      });
    const page = core.run('lots.get', { id: saltLot });
    expect(page.usedIn).toHaveLength(50);
    expect(page.totals.usedIn).toEqual({ total: N });
    expect(page.totals.history).toEqual({ total: N + 1 });
    const used = [...page.usedIn];
    while (used.length < N) used.push(...core.run('lots.usedIn', { id: saltLot, offset: used.length }).items);
    expect(new Set(used.map((u) => u.lotId)).size).toBe(N);
    const history = [...page.history];
    while (history.length < N + 1)
      history.push(...core.run('lots.history', { id: saltLot, offset: history.length, limit: 37 }).items);
    expect(history.map((h) => h.kind)).toEqual(['receipt', ...Array(N).fill('production')]);
    expect(new Set(history.map((h) => h.id)).size).toBe(N + 1);
    core.close();
  });

  it('--help and --version do not load the canvas, barcode, spreadsheet, PDF or receipt-printer libraries', () => {
    ensureBuilt();
    const probe = `const M=require('module');const seen=new Set();const o=M._load;M._load=function(r){seen.add(r);return o.apply(this,arguments)};
      process.on('exit',()=>process.stderr.write('LOADED '+JSON.stringify([...seen].filter(r=>/canvas|bwip|exceljs|pdfkit|thermal-printer|pngjs/.test(r)))));
      process.argv.splice(1,0,${JSON.stringify(CLI)});require(${JSON.stringify(CLI)});`;
    for (const arg of ['--help', '--version']) {
      const res = spawnSync(NODE, ['-e', probe, '--', arg], { encoding: 'utf8' });
      expect(res.status).toBe(0);
      expect(/LOADED (\[.*\])/.exec(res.stderr)?.[1]).toBe('[]');
    }
  });
});
