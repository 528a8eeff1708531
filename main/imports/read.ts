// Reads the rows of an uploaded XLSX or CSV file into plain cells.
// XLSX: exceljs's streaming reader in a short-lived worker thread (exceljs reads only asynchronously,
// the core's handlers are synchronous; see main/trace/xlsx.ts for the same pattern), stopping after
// the row limit so a huge sheet cannot exhaust memory. CSV: a small RFC 4180 parser of our own,
// because a generic one turns "0312345678" into a number and loses the leading zero of a tax code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** One cell as read: a value, or a formula without a result, or a date. */
export type Cell = string | number | boolean | null | { date: string } | { formula: string } | { error: string };
/** `row` is the spreadsheet's own row number (1 = first line), so messages match what Excel shows. */
export type SheetRow = { row: number; cells: Cell[] };

const WORKER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const flag = new Int32Array(workerData.sab);
function cell(v) {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return { date: v.toISOString() };
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      const r = v.result;
      if (r === undefined || r === null || (typeof r === 'object' && !(r instanceof Date) && 'error' in r)) return { formula: String(v.formula || v.sharedFormula) };
      return cell(r);
    }
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return typeof v.text === 'string' ? v.text : cell(v.text);
    if ('error' in v) return { error: String(v.error) };
    return String(v);
  }
  return v;
}
async function streamRows(ExcelJS) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(workerData.file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  const rows = [];
  for await (const ws of reader) {
    for await (const row of ws) {
      if (rows.length > workerData.maxRows) return { rows, truncated: true };
      rows.push(toRow(row));
    }
    break; // the first sheet holds the data; others (instructions) are ignored
  }
  return { rows, truncated: false };
}
// exceljs's streaming unzip (unzipper) now and then misreads a valid file ("invalid signature"); the
// whole-file reader goes through the zip's central directory instead. It holds the sheet in memory, so it
// is used only when the zip says the sheets are small enough.
async function loadRows(ExcelJS, JSZip) {
  const buf = fs.readFileSync(workerData.file);
  const zip = await JSZip.loadAsync(buf);
  let unpacked = 0;
  zip.forEach((_, entry) => { unpacked += (entry._data && entry._data.uncompressedSize) || 0; });
  if (unpacked > workerData.maxUnpacked) throw new Error('too large to read whole: ' + unpacked + ' bytes');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf);
  const ws = wb.worksheets[0];
  const rows = [];
  let truncated = false;
  if (ws) ws.eachRow({ includeEmpty: false }, (row) => {
    if (rows.length > workerData.maxRows) truncated = true;
    else rows.push(toRow(row));
  });
  return { rows, truncated };
}
function toRow(row) {
  const values = Array.isArray(row.values) ? row.values.slice(1) : [];
  const cells = [];
  for (let i = 0; i < values.length; i++) cells.push(cell(values[i]));
  return { row: row.number, cells };
}
(async () => {
  const ExcelJS = require(workerData.exceljs);
  let result;
  try {
    result = await streamRows(ExcelJS);
  } catch (streamErr) {
    try {
      result = await loadRows(ExcelJS, require(workerData.jszip));
    } catch (err) {
      const why = (e) => String((e && e.message) || e);
      fs.writeFileSync(workerData.out + '.err', why(streamErr) + ' / ' + why(err));
      Atomics.store(flag, 0, 2);
      Atomics.notify(flag, 0);
      return;
    }
  }
  fs.writeFileSync(workerData.out, JSON.stringify(result));
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
})();
`;

const req = createRequire(__filename);

/** Unpacked size up to which a sheet may be read whole (about 20,000 rows of wide master data is 10 MB). */
const MAX_UNPACKED = 64 * 1024 * 1024;

export type ReadResult = { rows: SheetRow[]; truncated: boolean };

export class UnreadableFile extends Error {}

export function readXlsxSync(buf: Buffer, maxRows: number): ReadResult {
  if (buf.subarray(0, 2).toString('latin1') !== 'PK') throw new UnreadableFile('not a zip/xlsx file');
  const tmp = path.join(os.tmpdir(), `nguongoc-import-${randomUUID()}`);
  const file = `${tmp}.xlsx`;
  const out = `${tmp}.json`;
  fs.writeFileSync(file, buf);
  const sab = new SharedArrayBuffer(4);
  const flag = new Int32Array(sab);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      sab,
      file,
      out,
      maxRows,
      maxUnpacked: MAX_UNPACKED,
      exceljs: req.resolve('exceljs'),
      jszip: req.resolve('jszip'),
    },
  });
  try {
    if (Atomics.wait(flag, 0, 0, 300_000) === 'timed-out') throw new UnreadableFile('timed out');
    if (Atomics.load(flag, 0) === 2) throw new UnreadableFile(fs.readFileSync(out + '.err', 'utf8'));
    return JSON.parse(fs.readFileSync(out, 'utf8')) as ReadResult;
  } finally {
    void worker.terminate();
    for (const f of [file, out, out + '.err']) fs.rmSync(f, { force: true });
  }
}

/** CSV as Excel writes it: UTF-8 (with or without BOM), comma or semicolon, quoted fields, CRLF/LF. */
export function readCsv(buf: Buffer, maxRows: number): ReadResult {
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) throw new UnreadableFile('binary data');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delim = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: SheetRow[] = [];
  let cells: Cell[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let rowStart = 1;
  const endField = () => {
    // A formula typed into a CSV is kept as a formula so the import can refuse it with a clear message.
    cells.push(!wasQuoted && /^=/.test(field) ? { formula: field } : field === '' ? null : field);
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    rows.push({ row: rowStart, cells });
    cells = [];
    rowStart = line;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      wasQuoted = true;
    } else if (c === delim) endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      endRow();
      if (rows.length > maxRows) return { rows, truncated: true };
    } else field += c;
  }
  if (field !== '' || cells.length) endRow();
  return { rows, truncated: false };
}

export function readTable(fileName: string, buf: Buffer, maxRows: number): ReadResult {
  const isXlsx = /\.xlsx$/i.test(fileName) || buf.subarray(0, 2).toString('latin1') === 'PK';
  return isXlsx ? readXlsxSync(buf, maxRows) : readCsv(buf, maxRows);
}
