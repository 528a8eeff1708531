// Semantic rules beyond the schema (main/epcis/rules.ts) on the demo's export.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openCore } from '../../main/core';
import { buildDemo, demoClock } from '../../main/demo';
import { exportEpcisFile } from '../../main/exports/epcis';
import { validateEpcis } from '../../main/epcis/schema';
import { checkEpcisRules, summarise } from '../../main/epcis/rules';
import { tempDir } from '../helpers/core';

describe('EPCIS semantic rules', () => {
  it('the demo export passes the schema and every rule', async () => {
    const clock = demoClock();
    const core = openCore({ dbPath: ':memory:', host: 'test', clock, log: () => {} });
    buildDemo(core, clock, { seed: 7, endDate: '2026-11-29' });
    const file = path.join(tempDir(), 'demo.jsonld');
    await exportEpcisFile(core.db, {}, file, { creationDate: '2026-11-29T23:00:00+07:00' });
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(validateEpcis(doc)).toEqual({ ok: true });
    expect(summarise(checkEpcisRules(doc))).toEqual({});
    const events = doc.epcisBody.eventList as Record<string, unknown>[];

    // A receipt's expiry and the supplier's lot read back from its event (ADD with ILMD).
    const receipts = events.filter((e) => e['nguongoc:kind'] === 'receipt' && !e.errorDeclaration);
    const lots = core.db
      .prepare("SELECT code, expiry_date, supplier_lot_code FROM lots WHERE origin = 'receipt'")
      .all() as { code: string; expiry_date: string | null; supplier_lot_code: string | null }[];
    expect(receipts.length).toBeGreaterThanOrEqual(lots.length);
    for (const l of lots) {
      const e = receipts.find((r) => (r.ilmd as Record<string, string>)['cbvmda:lotNumber'] === l.code)!;
      expect(e.action).toBe('ADD');
      expect(e.ilmd).toMatchObject({
        ...(l.expiry_date ? { 'cbvmda:itemExpirationDate': l.expiry_date } : {}),
        ...(l.supplier_lot_code ? { 'nguongoc:supplierLotNumber': l.supplier_lot_code } : {}),
      });
      expect((e.sourceList as { type: string }[])[0].type).toBe('owning_party');
      expect((e.bizTransactionList as { type: string }[])[0].type).toBe('desadv');
    }
    expect(lots.filter((l) => l.expiry_date).length).toBeGreaterThan(0);

    // Every transfer arrives: shipping at the origin, receiving at the destination.
    const transfers = events.filter((e) => e['nguongoc:kind'] === 'transfer' && !e.errorDeclaration);
    expect(transfers.length).toBeGreaterThan(0);
    expect(transfers.filter((e) => e.bizStep === 'receiving').length).toBe(
      transfers.filter((e) => e.bizStep === 'shipping').length,
    );
    // Master data: countryOfOrigin as ISO 3166.
    const origins = JSON.stringify(doc.epcisHeader).match(/countryOfOrigin","attribute":"([^"]+)"/g) ?? [];
    expect(origins.length).toBeGreaterThan(0);
    expect(origins.every((o) => o.endsWith('"VN"'))).toBe(true);
  });

  it('a demo built to today has nothing after the moment of export', async () => {
    const clock = demoClock();
    const core = openCore({ dbPath: ':memory:', host: 'test', clock, log: () => {} });
    const report = buildDemo(core, clock, { seed: 7, scale: 60 });
    const file = path.join(tempDir(), 'today.jsonld');
    await exportEpcisFile(core.db, {}, file, { creationDate: new Date().toISOString() });
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(report.to < new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)).toBe(true);
    expect(summarise(checkEpcisRules(doc))).toEqual({});
  });
});
