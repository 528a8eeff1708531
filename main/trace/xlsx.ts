// XLSX files with exceljs from synchronous API handlers. The core runs every handler synchronously
// (a write is one SQLite transaction), but exceljs only writes asynchronously; so the workbook is
// written by a short-lived worker thread while this thread waits on an Atomics flag. Exports are rare
// user actions (one click), so blocking for the fraction of a second it takes is acceptable.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { csvCell } from '../exports/csv';
import { excelDate } from '../exports/locale';

export type SheetSpec = {
  name: string;
  /** Lines above the table (title, stamp), written in bold first. */
  title?: string[];
  /** `numFmt`: an Excel date format; the column's ISO dates (YYYY-MM-DD…) are written as real date cells. */
  columns: { header: string; key: string; width?: number; numFmt?: string }[];
  rows: Record<string, string | number | null>[];
};

const WORKER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const flag = new Int32Array(workerData.sab);
(async () => {
  try {
    const ExcelJS = require(workerData.exceljs);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Nguồn Gốc';
    for (const s of workerData.sheets) {
      const ws = wb.addWorksheet(s.name.slice(0, 31));
      for (const line of s.title || []) ws.addRow([line]).font = { bold: true };
      if (s.title && s.title.length) ws.addRow([]);
      const header = ws.addRow(s.columns.map((c) => c.header));
      header.font = { bold: true };
      header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
      s.columns.forEach((c, i) => {
        ws.getColumn(i + 1).width = c.width || 16;
        if (c.numFmt) ws.getColumn(i + 1).numFmt = c.numFmt;
      });
      for (const r of s.rows) ws.addRow(s.columns.map((c) => (r[c.key] === undefined ? null : r[c.key])));
      ws.views = [{ state: 'frozen', ySplit: header.number }];
      ws.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: s.columns.length } };
    }
    await wb.xlsx.writeFile(workerData.out);
    Atomics.store(flag, 0, 1);
  } catch (err) {
    fs.writeFileSync(workerData.out + '.err', String(err && err.stack || err));
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
})();
`;

const req = createRequire(__filename);

/** Date columns as Date values (they cross to the worker as dates), so Excel sorts and filters them as dates. */
function withDateCells(s: SheetSpec): SheetSpec {
  const dated = s.columns.filter((c) => c.numFmt).map((c) => c.key);
  if (!dated.length) return s;
  const rows = s.rows.map((r) => {
    const out: Record<string, string | number | Date | null> = { ...r };
    for (const k of dated)
      if (typeof r[k] === 'string' && ISO_DATE.test(r[k] as string)) out[k] = excelDate(r[k] as string);
    return out;
  });
  return { ...s, rows: rows as SheetSpec['rows'] };
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

export function writeXlsxSync(sheets: SheetSpec[]): Buffer {
  const sab = new SharedArrayBuffer(4);
  const flag = new Int32Array(sab);
  const out = path.join(os.tmpdir(), `nguongoc-export-${randomUUID()}.xlsx`);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { sab, out, sheets: sheets.map(withDateCells), exceljs: req.resolve('exceljs') },
  });
  try {
    const r = Atomics.wait(flag, 0, 0, 120_000);
    if (r === 'timed-out') throw new Error('XLSX export timed out');
    if (Atomics.load(flag, 0) === 2) throw new Error(`XLSX export failed: ${fs.readFileSync(out + '.err', 'utf8')}`);
    return fs.readFileSync(out);
  } finally {
    void worker.terminate();
    fs.rmSync(out, { force: true });
    fs.rmSync(out + '.err', { force: true });
  }
}

/** CSV as Excel opens it: UTF-8 with a BOM (Vietnamese letters), quoted fields, CRLF. */
export function writeCsv(
  columns: { header: string; key: string }[],
  rows: Record<string, string | number | null>[],
): Buffer {
  const lines = [
    columns.map((c) => csvCell(c.header)).join(','),
    ...rows.map((r) => columns.map((c) => csvCell(r[c.key])).join(',')),
  ];
  return Buffer.from('\ufeff' + lines.join('\r\n') + '\r\n', 'utf8');
}
