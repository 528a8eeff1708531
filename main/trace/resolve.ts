// From what the user typed or scanned to lot ids: our lot code, PRODUCT-CODE/LOT-CODE, or a
// supplier's lot code. An unknown code answers with the closest codes; an ambiguous one asks for the product.
import { AppError } from '../../shared/api/errors';
import type { LotSuggestion, ResolvedLot } from '../../shared/api/trace';
import { suggestionHint } from '../../shared/i18n/trace';
import type { Lang } from '../../shared/i18n/messages';
import type { Db } from '../store/db';
import { stmt } from './queries';

type Row = {
  id: number;
  code: string;
  productId: number;
  productCode: string;
  productName: string;
  supplierLotCode: string | null;
};
const SELECT = `SELECT l.id, l.code, l.product_id AS productId, p.code AS productCode, p.name AS productName, l.supplier_lot_code AS supplierLotCode
  FROM lots l JOIN products p ON p.id = l.product_id`;

const spec = (r: { productCode: string; code: string }) => `${r.productCode}/${r.code}`;
const resolved = (r: Row, matchedBy: ResolvedLot['matchedBy']): ResolvedLot => ({
  id: r.id,
  code: r.code,
  productId: r.productId,
  productCode: r.productCode,
  productName: r.productName,
  matchedBy,
});

function byCode(db: Db, code: string): Row[] {
  return stmt(db, `${SELECT} WHERE l.code = ? ORDER BY p.code LIMIT 50`).all(code) as Row[];
}

function resolveOne(db: Db, text: string, lang: Lang): ResolvedLot[] {
  const exact = byCode(db, text);
  if (exact.length === 1) return [resolved(exact[0], 'code')];
  if (exact.length > 1) throw ambiguous(text, exact);
  // PRODUCT-CODE/LOT-CODE: both codes may contain '/', so try every split (product codes ignore case).
  for (let i = text.indexOf('/'); i > 0; i = text.indexOf('/', i + 1)) {
    const rows = stmt(db, `${SELECT} WHERE l.code = ? AND p.code = ?`).all(
      text.slice(i + 1),
      text.slice(0, i),
    ) as Row[];
    if (rows.length === 1) return [resolved(rows[0], 'product/code')];
  }
  // A supplier's lot code stands for every lot we received under it (a recall often starts from one).
  const supplier = stmt(db, `${SELECT} WHERE l.supplier_lot_code = ? ORDER BY l.id LIMIT 1000`).all(text) as Row[];
  if (supplier.length) return supplier.map((r) => resolved(r, 'supplierLot'));
  // Typed in lower case: accept when it names exactly one lot.
  if (text !== text.toUpperCase()) {
    const upper = byCode(db, text.toUpperCase());
    if (upper.length === 1) return [resolved(upper[0], 'code')];
    if (upper.length > 1) throw ambiguous(text.toUpperCase(), upper);
  }
  const suggestions = suggest(db, text, 5);
  throw new AppError(
    'LOT_NOT_FOUND_CODE',
    {
      code: text,
      hint: suggestionHint(
        suggestions.map((s) => s.spec),
        lang,
      ),
    },
    { status: 404, details: { code: text, suggestions } },
  );
}

function ambiguous(code: string, rows: Row[]): AppError {
  const choices = rows.map(spec);
  return new AppError(
    'LOT_CODE_AMBIGUOUS',
    { code, choices: choices.slice(0, 10).join(', '), example: choices[0] },
    { status: 409, details: { code, choices: rows.map((r) => toSuggestion(r)) } },
  );
}

/** Lots by id and by typed/scanned code, deduplicated, in the order given. */
export function resolveLots(db: Db, input: { lots?: string[]; lotIds?: number[] }, lang: Lang): ResolvedLot[] {
  const out = new Map<number, ResolvedLot>();
  if (input.lotIds?.length) {
    const rows = stmt(db, `${SELECT} WHERE l.id IN (SELECT value FROM json_each(?))`).all(
      JSON.stringify(input.lotIds),
    ) as Row[];
    const found = new Map(rows.map((r) => [r.id, r]));
    for (const id of input.lotIds) {
      const r = found.get(id);
      if (!r) throw new AppError('NOT_FOUND', { entity: 'lot', id });
      out.set(id, resolved(r, 'id'));
    }
  }
  for (const text of input.lots ?? [])
    for (const r of resolveOne(db, text.trim(), lang)) if (!out.has(r.id)) out.set(r.id, r);
  if (!out.size) throw new AppError('TRACE_NO_LOTS', {}, { status: 400 });
  return [...out.values()];
}

function toSuggestion(r: Row): LotSuggestion {
  return {
    id: r.id,
    code: r.code,
    productCode: r.productCode,
    productName: r.productName,
    supplierLotCode: r.supplierLotCode,
    spec: spec(r),
  };
}

/**
 * The closest lot codes to `text`: candidates share a prefix (read through the code indexes, never a
 * table scan), ranked by edit distance.
 */
export function suggest(db: Db, text: string, limit: number): LotSuggestion[] {
  const q = text.toUpperCase();
  const seen = new Map<number, Row>();
  const want = Math.max(limit * 4, 20);
  for (let n = q.length; n >= 2 && seen.size < want; n = n > 8 ? n - 2 : n - 1) {
    const p = q.slice(0, n);
    const hi = p + '\uffff';
    for (const r of stmt(db, `${SELECT} WHERE l.code >= ? AND l.code < ? ORDER BY l.code LIMIT 40`).all(p, hi) as Row[])
      seen.set(r.id, r);
    for (const r of stmt(
      db,
      `${SELECT} WHERE l.supplier_lot_code >= ? AND l.supplier_lot_code < ? ORDER BY l.supplier_lot_code LIMIT 20`,
    ).all(p, hi) as Row[])
      seen.set(r.id, r);
    // A product prefix typed as PRODUCT/… finds that product's lots.
    if (p.includes('/')) {
      const [pc, lc] = [p.slice(0, p.indexOf('/')), p.slice(p.indexOf('/') + 1)];
      for (const r of stmt(
        db,
        `${SELECT} WHERE p.code = ? AND l.code >= ? AND l.code < ? ORDER BY l.code LIMIT 40`,
      ).all(pc, lc, lc + '\uffff') as Row[])
        seen.set(r.id, r);
    }
  }
  const dist = (r: Row) =>
    Math.min(
      editDistance(q, r.code.toUpperCase()),
      editDistance(q, spec(r).toUpperCase()),
      r.supplierLotCode ? editDistance(q, r.supplierLotCode.toUpperCase()) : Infinity,
    );
  return [...seen.values()]
    .map((r) => ({ r, d: dist(r) }))
    .sort((a, b) => a.d - b.d || a.r.code.localeCompare(b.r.code))
    .slice(0, limit)
    .map(({ r }) => toSuggestion(r));
}

/** Lots whose code (or supplier lot code) starts with what is typed, for the search box. */
export function findLots(db: Db, text: string, limit: number): LotSuggestion[] {
  const q = text.trim();
  const rows = new Map<number, Row>();
  for (const p of q === q.toUpperCase() ? [q] : [q, q.toUpperCase()]) {
    for (const r of stmt(db, `${SELECT} WHERE l.code >= ? AND l.code < ? ORDER BY l.code LIMIT ?`).all(
      p,
      p + '\uffff',
      limit,
    ) as Row[])
      rows.set(r.id, r);
    for (const r of stmt(
      db,
      `${SELECT} WHERE l.supplier_lot_code >= ? AND l.supplier_lot_code < ? ORDER BY l.supplier_lot_code LIMIT ?`,
    ).all(p, p + '\uffff', limit) as Row[])
      rows.set(r.id, r);
  }
  if (rows.size < limit)
    for (const s of suggest(db, q, limit)) if (!rows.has(s.id)) rows.set(s.id, { ...s, productId: 0 });
  return [...rows.values()].slice(0, limit).map(toSuggestion);
}

/** Levenshtein distance (two rows), for ranking suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
