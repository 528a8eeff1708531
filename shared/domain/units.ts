// Units of measure a small food business uses. Mass and volume convert among themselves; count units
// (hộp, thùng…) convert to mass/volume/other counts only through a product's pack size.
export type UnitDimension = 'mass' | 'volume' | 'count';
export type UnitDef = {
  code: string;
  dimension: UnitDimension;
  /** size in the dimension's base (g, ml, 1) */ factor: number;
  vi: string;
  en: string;
  /** English plural when it is not `en` + "s" (symbols such as kg have none). */
  enPlural?: string;
};

export const UNITS: UnitDef[] = [
  { code: 'kg', dimension: 'mass', factor: 1000, vi: 'kg', en: 'kg', enPlural: 'kg' },
  { code: 'g', dimension: 'mass', factor: 1, vi: 'g', en: 'g', enPlural: 'g' },
  { code: 'tan', dimension: 'mass', factor: 1_000_000, vi: 'tấn', en: 'tonne' },
  { code: 'l', dimension: 'volume', factor: 1000, vi: 'lít', en: 'litre' },
  { code: 'ml', dimension: 'volume', factor: 1, vi: 'ml', en: 'ml', enPlural: 'ml' },
  { code: 'cai', dimension: 'count', factor: 1, vi: 'cái', en: 'piece' },
  { code: 'hop', dimension: 'count', factor: 1, vi: 'hộp', en: 'box', enPlural: 'boxes' },
  { code: 'goi', dimension: 'count', factor: 1, vi: 'gói', en: 'pack' },
  { code: 'tui', dimension: 'count', factor: 1, vi: 'túi', en: 'bag' },
  { code: 'chai', dimension: 'count', factor: 1, vi: 'chai', en: 'bottle' },
  { code: 'lon', dimension: 'count', factor: 1, vi: 'lon', en: 'can' },
  { code: 'hu', dimension: 'count', factor: 1, vi: 'hũ', en: 'jar' },
  { code: 'cay', dimension: 'count', factor: 1, vi: 'cây', en: 'roll' },
  { code: 'qua', dimension: 'count', factor: 1, vi: 'quả', en: 'fruit' },
  { code: 'bao', dimension: 'count', factor: 1, vi: 'bao', en: 'sack' },
  { code: 'thung', dimension: 'count', factor: 1, vi: 'thùng', en: 'carton' },
];

export const UNIT_CODES = UNITS.map((u) => u.code) as [string, ...string[]];

export function unitDef(code: string): UnitDef | undefined {
  return UNITS.find((u) => u.code === code);
}

/** A unit's name; given the quantity it names, English says "1 bag" but "240 bags" (Vietnamese has no plural). */
export function unitLabel(code: string, lang: 'vi' | 'en' = 'vi', quantity?: number): string {
  const u = unitDef(code);
  if (!u) return code;
  if (lang === 'vi' || quantity === undefined || quantity === 1) return u[lang];
  return u.enPlural ?? `${u.en}s`;
}

/** A product's pack: one `unit` (a count unit) holds `packSize` of `packUnit` (e.g. 1 hộp = 500 g). */
export type PackInfo = { unit: string; packSize?: number | null; packUnit?: string | null };

/**
 * Factor to multiply a quantity in `from` to get it in `to`, for a given product, or null when the
 * units cannot be converted (e.g. kg → lít, or hộp → kg without a pack size).
 */
export function conversionFactor(from: string, to: string, product?: PackInfo): number | null {
  if (from === to) return 1;
  const f = unitDef(from);
  const t = unitDef(to);
  if (!f || !t) return null;
  if (f.dimension === t.dimension && f.dimension !== 'count') return f.factor / t.factor;
  // Through the product's pack: product.unit (count) ↔ packUnit.
  if (product?.packSize && product.packUnit) {
    const packUnit = unitDef(product.packUnit);
    if (!packUnit) return null;
    if (from === product.unit) {
      const toPack = conversionFactor(product.packUnit, to);
      return toPack === null ? null : product.packSize * toPack;
    }
    if (to === product.unit) {
      const fromPack = conversionFactor(from, product.packUnit);
      return fromPack === null ? null : fromPack / product.packSize;
    }
  }
  return null;
}
