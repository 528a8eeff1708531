// Import from Excel/CSV: read the table, map headers to fields, turn each row into the API input,
// validate it with the method's own zod schema, and run the method's own service (so duplicate codes,
// unknown lots and every other rule are the same as when typing in the form). Each row runs in a
// savepoint: a bad row is rolled back alone and reported by row and column. The preview runs the
// same work inside a transaction it always rolls back; the import keeps it (all rows, or the valid
// rows only when the user asks), in the one transaction of the write method.
import { api, type MethodName } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import {
  IMPORT_MAX_ROWS,
  type ImportKind,
  type ImportPreview,
  type ImportProblem,
  type ImportResult,
} from '../../shared/api/imports';
import { foldVietnamese } from '../../shared/domain/text';
import { errorMessage } from '../../shared/i18n/messages';
import type { ExportFile } from '../../shared/api/trace';
import type { Handlers, ServiceContext } from '../core/core';
import { zodIssuesToFields } from '../../shared/api/zod-issues';
import { writeXlsxSync } from '../trace/xlsx';
import { readTable, UnreadableFile, type Cell } from './read';
import { SPECS, TEMPLATE_TITLES, UNIT_WORDS, type ColumnSpec } from './specs';
import { qv } from '../store/statements';

const PROBLEM_LIST_MAX = 1000;
const SAMPLE_ROWS = 20;

const fold = (s: string) => foldVietnamese(s).replace(/\*/g, '').replace(/\s+/g, ' ').trim();

export function templateFile(kind: ImportKind, lang: 'vi' | 'en'): ExportFile {
  const cols = SPECS[kind];
  const header = (c: ColumnSpec) => `${lang === 'vi' ? c.vi : c.en}${c.required ? ' *' : ''}`;
  const buf = writeXlsxSync([
    {
      name: lang === 'vi' ? 'Dữ liệu' : 'Data',
      columns: cols.map((c) => ({ header: header(c), key: c.key, width: Math.max(14, header(c).length + 4) })),
      rows: [Object.fromEntries(cols.map((c) => [c.key, c.example === '' ? null : c.example]))],
    },
    {
      name: lang === 'vi' ? 'Hướng dẫn' : 'Help',
      title: [
        lang === 'vi'
          ? 'Điền dữ liệu ở trang đầu, mỗi dòng một mục; giữ nguyên dòng tiêu đề. Cột có dấu * là bắt buộc. Xoá dòng ví dụ trước khi nhập.'
          : 'Fill in the first sheet, one item per row; keep the header row. Columns marked * are required. Delete the example row before importing.',
      ],
      columns: [
        { header: lang === 'vi' ? 'Cột' : 'Column', key: 'col', width: 26 },
        { header: lang === 'vi' ? 'Bắt buộc' : 'Required', key: 'req', width: 10 },
        { header: lang === 'vi' ? 'Cách ghi' : 'How to fill', key: 'help', width: 80 },
      ],
      rows: cols.map((c) => ({ col: lang === 'vi' ? c.vi : c.en, req: c.required ? '✓' : '', help: c.help })),
    },
  ]);
  return {
    fileName: `mau-nhap-${TEMPLATE_TITLES[kind]}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: buf.toString('base64'),
    bytes: buf.length,
  };
}

// ---------- reading cells ----------
class CellProblem extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
  }
}

const isEmpty = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

function cellText(c: Cell): string | null {
  if (c === null) return null;
  if (typeof c === 'object') {
    if ('formula' in c) throw new CellProblem('IMPORT_FORMULA');
    if ('error' in c) throw new CellProblem('IMPORT_FORMULA');
    return c.date.slice(0, 10);
  }
  const s = String(c).trim();
  return s === '' ? null : s;
}

/** 1234.5, "1.234,5", "1,234.5", "12,5" (Vietnamese decimal comma). */
export function parseNumber(c: Cell): number | null {
  if (typeof c === 'number') return c;
  const s = cellText(c);
  if (s === null) return null;
  let t = s.replace(/\s/g, '');
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0)
    t = lastComma > lastDot ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  else if (lastComma >= 0)
    t = /^\d{1,3}(,\d{3})+$/.test(t) && !/^0,/.test(t) ? t.replace(/,/g, '') : t.replace(',', '.');
  else if (/^\d{1,3}(\.\d{3}){2,}$/.test(t)) t = t.replace(/\./g, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new CellProblem('IMPORT_NUMBER', { value: s });
  return Number(t);
}

const pad = (n: number) => String(n).padStart(2, '0');
function ymd(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d || y < 1900 || y > 2200)
    return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** dd/mm/yyyy (also - and .), yyyy-mm-dd, an Excel serial number, or a date cell. */
export function parseDate(c: Cell): string | null {
  if (c === null) return null;
  if (typeof c === 'object' && 'date' in c) return c.date.slice(0, 10); // exceljs gives date cells as UTC midnight
  if (typeof c === 'number') {
    // Excel's day 1 is 1900-01-01 with the 1900 leap-year bug, hence the 1899-12-30 epoch.
    if (!Number.isFinite(c) || c < 1 || c > 200_000) throw new CellProblem('IMPORT_DATE', { value: String(c) });
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(c) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  const s = cellText(c);
  if (s === null) return null;
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  let out: string | null = null;
  if (m) out = ymd(Number(m[3]), Number(m[2]), Number(m[1]));
  else if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) out = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  else if (/^\d{5}$/.test(s)) return parseDate(Number(s));
  if (!out) throw new CellProblem('IMPORT_DATE', { value: s });
  return out;
}

function readCell(spec: ColumnSpec, c: Cell): unknown {
  switch (spec.type) {
    case 'text': {
      if (typeof c === 'number') return Number.isInteger(c) ? String(c) : String(c);
      return cellText(c);
    }
    case 'number':
      return parseNumber(c);
    case 'int': {
      const n = parseNumber(c);
      return n;
    }
    case 'date':
      return parseDate(c);
    case 'unit': {
      const s = cellText(c);
      if (s === null) return null;
      const u = UNIT_WORDS[fold(s)];
      if (!u)
        throw new CellProblem('IMPORT_CHOICE', {
          value: s,
          choices: 'kg, g, tấn, lít, ml, cái, hộp, gói, túi, chai, lon, hũ, cây, quả, bao, thùng',
        });
      return u;
    }
    case 'choice': {
      const s = cellText(c);
      if (s === null) return null;
      const v = spec.choices?.[fold(s)];
      if (!v)
        throw new CellProblem('IMPORT_CHOICE', {
          value: s,
          choices: Object.keys(spec.choices ?? {})
            .filter((k) => !/^[a-z]+$/.test(k) || k.includes(' '))
            .join(', '),
        });
      return v;
    }
  }
}

// ---------- the run ----------
type Mapped = { row: number; values: Record<string, unknown> };
type RunState = { problems: ImportProblem[]; badRows: Set<number>; imported: number };

class Rollback extends Error {}

function problem(
  st: RunState,
  row: number,
  column: string | null,
  code: string,
  params: Record<string, string | number>,
  lang: 'vi' | 'en',
) {
  st.badRows.add(row);
  st.problems.push({ row, column, code, message: errorMessage(code, params, lang) });
}

type Prepared = {
  columns: ColumnSpec[];
  header: (string | null)[];
  rows: Mapped[];
  fileProblems: ImportProblem[];
  cellProblems: ImportProblem[];
};

function prepare(kind: ImportKind, fileName: string, base64: string, lang: 'vi' | 'en'): Prepared {
  const specs = SPECS[kind];
  const fileProblems: ImportProblem[] = [];
  const fp = (code: string, params: Record<string, string | number> = {}, column: string | null = null) =>
    fileProblems.push({ row: 0, column, code, message: errorMessage(code, params, lang) });
  let table;
  try {
    table = readTable(fileName, Buffer.from(base64, 'base64'), IMPORT_MAX_ROWS + 1);
  } catch (err) {
    if (err instanceof UnreadableFile) throw new AppError('IMPORT_FILE_UNREADABLE', { file: fileName });
    throw err;
  }
  const nonEmpty = table.rows.filter((r) => r.cells.some((c) => !isEmpty(c)));
  const headerRow = nonEmpty.shift();
  const header: (string | null)[] = [];
  const colIndex = new Map<string, number>();
  if (headerRow) {
    headerRow.cells.forEach((c, i) => {
      const text = typeof c === 'string' ? c.trim() : c === null ? null : String(c);
      header.push(text);
      if (!text) return;
      const f = fold(text);
      const spec = specs.find((s) => fold(s.vi) === f || fold(s.en) === f || s.key.toLowerCase() === f);
      if (spec && !colIndex.has(spec.key)) colIndex.set(spec.key, i);
      else fp('IMPORT_UNKNOWN_COLUMN', { column: text }, text);
    });
  }
  // Unknown columns are only warnings; a missing required column stops the file.
  const warnings = fileProblems.splice(0);
  for (const s of specs)
    if (s.required && !colIndex.has(s.key))
      fp('IMPORT_MISSING_COLUMN', { column: lang === 'vi' ? s.vi : s.en }, lang === 'vi' ? s.vi : s.en);
  if (table.truncated || nonEmpty.length > IMPORT_MAX_ROWS)
    fp('IMPORT_TOO_MANY_ROWS', {
      rows: `> ${IMPORT_MAX_ROWS.toLocaleString('vi-VN')}`,
      max: IMPORT_MAX_ROWS.toLocaleString('vi-VN'),
    });
  if (!headerRow || nonEmpty.length === 0) fp('IMPORT_NO_ROWS');
  const cellProblems: ImportProblem[] = [];
  const rows: Mapped[] = [];
  if (!fileProblems.length) {
    for (const r of nonEmpty) {
      const values: Record<string, unknown> = {};
      for (const s of specs) {
        const i = colIndex.get(s.key);
        if (i === undefined) continue;
        try {
          values[s.key] = readCell(s, r.cells[i] ?? null);
        } catch (err) {
          if (!(err instanceof CellProblem)) throw err;
          cellProblems.push({
            row: r.row,
            column: lang === 'vi' ? s.vi : s.en,
            code: err.code,
            message: errorMessage(err.code, err.params, lang),
          });
        }
      }
      rows.push({ row: r.row, values });
    }
  }
  return {
    columns: specs,
    header,
    rows,
    fileProblems: [...fileProblems, ...warnings.map((w) => ({ ...w }))],
    cellProblems,
  };
}

const colName = (kind: ImportKind, key: string, lang: 'vi' | 'en') => {
  const s = SPECS[kind].find((c) => c.key === key);
  return s ? (lang === 'vi' ? s.vi : s.en) : null;
};

/** Field path of an API input → the template column it came from. */
function columnOfPath(kind: ImportKind, path: string, lang: 'vi' | 'en'): string | null {
  const top = path.split('.')[0];
  const map: Record<string, Record<string, string>> = {
    opening: { productId: 'productCode', locationId: 'location' },
    recipes: { productId: 'productCode', inputs: 'inputCode', batchUnit: 'batchUnit' },
  };
  if (kind === 'recipes' && path.startsWith('inputs.'))
    return colName(kind, /qty|percent/.test(path) ? 'inputQty' : /unit/.test(path) ? 'inputUnit' : 'inputCode', lang);
  return colName(kind, map[kind]?.[top] ?? top, lang);
}

type Work = {
  rows: number[];
  method: MethodName;
  input: Record<string, unknown>;
  refProblems: { row: number; key: string; code: string; params: Record<string, string | number> }[];
};

/** Rows → API calls. Recipes group consecutive rows; references (product codes, locations) are looked up. */
function plan(kind: ImportKind, ctx: ServiceContext, rows: Mapped[], st: RunState, lang: 'vi' | 'en'): Work[] {
  const productId = (code: unknown) =>
    typeof code === 'string'
      ? (qv(ctx.db, 'SELECT id FROM products WHERE code = ?').get(code) as number | undefined)
      : undefined;
  const firstSeen = new Map<string, number>();
  const dup = (key: string, value: unknown, row: number, column: string) => {
    if (typeof value !== 'string' || value === '') return false;
    const k = `${key}:${value.toLowerCase()}`;
    const other = firstSeen.get(k);
    if (other !== undefined) {
      problem(st, row, colName(kind, column, lang), 'IMPORT_DUPLICATE_IN_FILE', { other, value }, lang);
      return true;
    }
    firstSeen.set(k, row);
    return false;
  };
  const strip = (v: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null && x !== undefined));
  const work: Work[] = [];
  if (kind === 'products') {
    for (const r of rows) {
      if (dup('code', r.values.code, r.row, 'code') || dup('gtin', r.values.gtin, r.row, 'gtin')) continue;
      work.push({ rows: [r.row], method: 'products.create', input: strip(r.values), refProblems: [] });
    }
  } else if (kind === 'partners') {
    for (const r of rows) {
      if (dup('taxCode', r.values.taxCode, r.row, 'taxCode')) continue;
      work.push({ rows: [r.row], method: 'partners.create', input: strip(r.values), refProblems: [] });
    }
  } else if (kind === 'opening') {
    for (const r of rows) {
      const { productCode, location, ...rest } = r.values;
      const refProblems: Work['refProblems'] = [];
      const pid = productId(productCode);
      if (productCode && pid === undefined)
        refProblems.push({
          row: r.row,
          key: 'productCode',
          code: 'IMPORT_UNKNOWN_REF',
          params: { entity: lang === 'vi' ? 'sản phẩm' : 'product', value: String(productCode) },
        });
      const lid =
        typeof location === 'string'
          ? (qv(ctx.db, 'SELECT id FROM locations WHERE name = ? COLLATE NOCASE AND archived_at IS NULL').get(
              location,
            ) as number | undefined)
          : undefined;
      if (location && lid === undefined)
        refProblems.push({
          row: r.row,
          key: 'location',
          code: 'IMPORT_UNKNOWN_REF',
          params: { entity: lang === 'vi' ? 'địa điểm' : 'location', value: String(location) },
        });
      if (r.values.lotCode && dup('lot', `${String(productCode)}|${String(r.values.lotCode)}`, r.row, 'lotCode'))
        continue;
      work.push({
        rows: [r.row],
        method: 'lots.createOpening',
        input: strip({ ...rest, productId: pid, locationId: lid }),
        refProblems,
      });
    }
  } else {
    // Recipes: consecutive rows with the same product code and name are one recipe.
    let cur: Work | null = null;
    let curKey = '';
    for (const r of rows) {
      const key = `${String(r.values.productCode ?? '')}|${String(r.values.name ?? '')}`.toLowerCase();
      if (!cur || key !== curKey) {
        const pid = productId(r.values.productCode);
        const refProblems: Work['refProblems'] = [];
        if (r.values.productCode && pid === undefined)
          refProblems.push({
            row: r.row,
            key: 'productCode',
            code: 'IMPORT_UNKNOWN_REF',
            params: { entity: lang === 'vi' ? 'sản phẩm' : 'product', value: String(r.values.productCode) },
          });
        cur = {
          rows: [],
          method: 'recipes.create',
          input: strip({
            productId: pid,
            name: r.values.name,
            batchSize: r.values.batchSize,
            batchUnit: r.values.batchUnit,
            lossPct: r.values.lossPct,
            inputs: [],
          }),
          refProblems,
        };
        curKey = key;
        work.push(cur);
      }
      cur.rows.push(r.row);
      const iid = productId(r.values.inputCode);
      if (r.values.inputCode && iid === undefined)
        cur.refProblems.push({
          row: r.row,
          key: 'inputCode',
          code: 'IMPORT_UNKNOWN_REF',
          params: { entity: lang === 'vi' ? 'nguyên liệu' : 'material', value: String(r.values.inputCode) },
        });
      (cur.input.inputs as unknown[]).push(strip({ productId: iid, qty: r.values.inputQty, unit: r.values.inputUnit }));
    }
  }
  return work;
}

function execute(
  kind: ImportKind,
  ctx: ServiceContext,
  handlers: Handlers,
  prep: Prepared,
  st: RunState,
  lang: 'vi' | 'en',
) {
  for (const p of prep.cellProblems) {
    st.badRows.add(p.row);
    st.problems.push(p);
  }
  const rows = prep.rows.filter((r) => !st.badRows.has(r.row));
  for (const w of plan(kind, ctx, rows, st, lang)) {
    if (w.rows.some((r) => st.badRows.has(r))) continue;
    if (w.refProblems.length) {
      for (const p of w.refProblems) problem(st, p.row, colName(kind, p.key, lang), p.code, p.params, lang);
      for (const r of w.rows) st.badRows.add(r);
      continue;
    }
    const parsed = api[w.method].input.safeParse(w.input);
    const rowOf = (path: string) =>
      kind === 'recipes' && /^inputs\.(\d+)/.test(path)
        ? (w.rows[Number(/^inputs\.(\d+)/.exec(path)![1])] ?? w.rows[0])
        : w.rows[0];
    if (!parsed.success) {
      for (const f of zodIssuesToFields(parsed.error.issues))
        problem(st, rowOf(f.path), columnOfPath(kind, f.path, lang), f.code, f.params ?? {}, lang);
      for (const r of w.rows) st.badRows.add(r);
      continue;
    }
    try {
      // A savepoint per item: a refused row leaves nothing behind.
      ctx.db.transaction(() => (handlers[w.method] as (i: unknown, c: ServiceContext) => unknown)(parsed.data, ctx))();
      st.imported += 1;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.fields?.length)
        for (const f of err.fields)
          problem(st, rowOf(f.path), columnOfPath(kind, f.path, lang), f.code, f.params ?? {}, lang);
      else problem(st, w.rows[0], null, err.code, err.params, lang);
      for (const r of w.rows) st.badRows.add(r);
    }
  }
}

function summary(kind: ImportKind, prep: Prepared, st: RunState): ImportPreview {
  const problems = [...prep.fileProblems.filter((p) => p.code !== 'IMPORT_UNKNOWN_COLUMN'), ...st.problems].sort(
    (a, b) => a.row - b.row,
  );
  const warnings = prep.fileProblems.filter((p) => p.code === 'IMPORT_UNKNOWN_COLUMN');
  const fileProblems = prep.fileProblems.filter((p) => p.code !== 'IMPORT_UNKNOWN_COLUMN');
  const rowProblems = problems.filter((p) => p.row > 0);
  return {
    kind,
    rows: prep.rows.length,
    validRows: prep.rows.length - st.badRows.size,
    invalidRows: st.badRows.size,
    fileProblems: [...fileProblems, ...warnings],
    problems: rowProblems.slice(0, PROBLEM_LIST_MAX),
    problemCount: rowProblems.length,
    sample: prep.rows.slice(0, SAMPLE_ROWS).map((r) => ({ row: r.row, ...r.values })),
    columns: prep.columns.map((c) => c.key),
  };
}

/** The preview: everything the import would do, inside a transaction that is always rolled back. */
export function previewImport(
  ctx: ServiceContext,
  handlers: Handlers,
  kind: ImportKind,
  fileName: string,
  base64: string,
): ImportPreview {
  const lang = ctx.lang;
  const prep = prepare(kind, fileName, base64, lang);
  const st: RunState = { problems: [], badRows: new Set(), imported: 0 };
  if (!prep.fileProblems.some((p) => p.code !== 'IMPORT_UNKNOWN_COLUMN')) {
    try {
      // IMMEDIATE: the preview writes (then rolls back); taking the write lock up front waits its turn
      // behind another writer instead of failing when a read transaction cannot be upgraded.
      ctx.db
        .transaction(() => {
          execute(kind, ctx, handlers, prep, st, lang);
          throw new Rollback();
        })
        .immediate();
    } catch (err) {
      if (!(err instanceof Rollback)) throw err;
    }
  }
  return summary(kind, prep, st);
}

/** The import (inside the write method's transaction): all rows, or only the valid ones if asked. */
export function commitImport(
  ctx: ServiceContext,
  handlers: Handlers,
  kind: ImportKind,
  fileName: string,
  base64: string,
  onlyValid: boolean,
): ImportResult {
  const lang = ctx.lang;
  const prep = prepare(kind, fileName, base64, lang);
  const fatal = prep.fileProblems.filter((p) => p.code !== 'IMPORT_UNKNOWN_COLUMN');
  if (fatal.length)
    throw new AppError(
      fatal[0].code,
      { column: fatal[0].column ?? '', rows: prep.rows.length, max: IMPORT_MAX_ROWS, file: fileName },
      { details: { problems: fatal } },
    );
  const st: RunState = { problems: [], badRows: new Set(), imported: 0 };
  execute(kind, ctx, handlers, prep, st, lang);
  if (st.badRows.size && !onlyValid) {
    throw new AppError(
      'IMPORT_NOT_CLEAN',
      { count: st.badRows.size },
      { details: { problems: st.problems.slice(0, PROBLEM_LIST_MAX) } },
    );
  }
  return { kind, imported: st.imported, skipped: st.badRows.size, problems: st.problems.slice(0, PROBLEM_LIST_MAX) };
}
