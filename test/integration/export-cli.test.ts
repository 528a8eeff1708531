// `nguongoc export circular` through the built CLI: the Circular 02/2024 items of one lot, written to --out.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/dist';
import { makeCore, tempDir } from '../helpers/core';
import { TraceWorld } from '../helpers/trace-factory';
import { CIRCULAR_ITEMS } from '../../main/exports/circular';

describe('export circular on the command line', () => {
  let db: string;
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    db = path.join(dir, 'tt02.db');
    const w = new TraceWorld(makeCore({ file: db }));
    const raw = w.receive('DIEU', 500, { lotCode: 'DIEU-261120-001', supplierLotCode: 'BP-2611' });
    w.batch('DIEU-RANG', [{ qty: 400, lotCode: 'RANG-261121-001', inputs: [{ lot: raw, qty: 450 }] }]);
    w.batch('DIEU-RANG', [{ qty: 40, lotCode: 'RANG-261122-001', inputs: [{ lot: raw, qty: 45 }] }]);
    w.core.close();
  });

  it('writes the ten items of one lot to an XLSX file, with its stages and times', async () => {
    const out = path.join(dir, 'x.xlsx');
    const r = await runCli(['export', 'circular', '--db', db, '--lot', 'RANG-261121-001', '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ products: 1, lots: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    expect(head.slice(3, 13)).toEqual(CIRCULAR_ITEMS.map((i) => i.vi));
    const lotRow = [2, 3].map((n) => ws.getRow(n)).find((row) => row.getCell(3).value === 'RANG-261121-001')!;
    const cell = (key: string) =>
      String(lotRow.getCell(4 + CIRCULAR_ITEMS.findIndex((i) => i.key === key)).value ?? '');
    expect(cell('stages')).toMatch(/^Sản xuất · RANG-261121-001 · .+ · \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(cell('times')).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(cell('stages')).not.toMatch(/bản ghi/);
    // The other lot of the same product is not in a one-lot export.
    expect([2, 3, 4].map((n) => ws.getRow(n).getCell(3).value)).not.toContain('RANG-261122-001');
  });

  it('writes CSV for a date range with the Vietnamese separator, and everything without a filter', async () => {
    const out = path.join(dir, 'tt02.csv');
    expect((await runCli(['export', 'circular', '--db', db, '--out', out])).code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text.startsWith('\ufeffCấp;Mã sản phẩm;Mã lô;')).toBe(true);
    expect(text).toContain('RANG-261121-001');
    expect(text).toContain('RANG-261122-001');
    const none = path.join(dir, 'none.csv');
    expect(
      (await runCli(['export', 'circular', '--db', db, '--from', '2001-01-01', '--to', '2001-12-31', '--out', none]))
        .code,
    ).toBe(0);
    expect(fs.readFileSync(none, 'utf8').trim().split('\r\n').length).toBe(1);
  });
});
