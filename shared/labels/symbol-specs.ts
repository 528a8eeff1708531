// GS1 symbol sizes as data: the GS1 General Specifications (§5.12.3 "GS1 symbol specification tables", Tables
// 1–11; §5.9.3 in Release 18) give, per symbol and scanning environment, the minimum, target and maximum
// X-dimension (module width) and the minimum bar height. A barcode module must also be a whole number of printer
// dots, so the renderer picks the dot count whose size lands inside [min, max] closest to what the template asks
// for (default: the target).
import type { Symbology, TemplatePurpose } from './model';

export type SymbolContext = 'retail-pos' | 'general-distribution' | 'logistic-unit' | 'pos-2d';

/** The release of the GS1 General Specifications whose table numbering and values the rows below follow. */
export const GS1_GENSPECS_RELEASE = 'GS1 General Specifications Release 24.0';

export type SymbolSpec = {
  context: SymbolContext;
  /** The table of §5.12.3 the row comes from, e.g. "Table 5". */
  table: string;
  /** Where the numbers come from (release, section and table of the GS1 General Specifications). */
  source: string;
  xMinMm: number;
  xTargetMm: number;
  xMaxMm: number;
  /**
   * Linear symbols: minimum bar height (HRI excluded). `heightScales`: the table gives the height at the target
   * X and it grows and shrinks with X (EAN/UPC); otherwise it is the same at every X.
   */
  minHeightMm?: number;
  heightScales?: boolean;
  /** Quiet zones in modules. */
  quiet: { left: number; right: number; top: number; bottom: number };
};

const cite = (table: string, title: string) => ({
  table,
  source: `${GS1_GENSPECS_RELEASE}, §5.12.3, GS1 symbol specification ${table.toLowerCase()} (${title})`,
});
const TABLE_1 = cite('Table 1', 'trade items scanned in general retail POS and not general distribution');
const TABLE_1_ADDENDUM_2 = cite(
  'Table 1 addendum 2',
  'GS1 Digital Link URI in GS1 QR Code / GS1 DataMatrix scanned at general retail POS',
);
const TABLE_2 = cite('Table 2', 'trade items scanned in general distribution only');
const TABLE_5 = cite('Table 5', 'logistic units scanned in general distribution');

/** EAN-13 at a retail till: 80 %–200 % magnification of the 0.330 mm nominal module, 22.85 mm bars at 100 %. */
export const EAN13_RETAIL_POS: SymbolSpec = {
  context: 'retail-pos',
  ...TABLE_1,
  xMinMm: 0.264,
  xTargetMm: 0.33,
  xMaxMm: 0.66,
  minHeightMm: 22.85,
  heightScales: true,
  quiet: { left: 11, right: 7, top: 0, bottom: 0 },
};

/** GS1-128 on a trade item that is scanned in a warehouse, not at a till (cartons of goods, cases). */
export const GS1_128_GENERAL_DISTRIBUTION: SymbolSpec = {
  context: 'general-distribution',
  ...TABLE_2,
  xMinMm: 0.25,
  xTargetMm: 0.495,
  xMaxMm: 1.016,
  minHeightMm: 12.7,
  quiet: { left: 10, right: 10, top: 0, bottom: 0 },
};

/** ITF-14 on outer cases (kept for completeness of the table; the app does not print ITF-14). */
export const ITF14_GENERAL_DISTRIBUTION: SymbolSpec = {
  context: 'general-distribution',
  ...TABLE_2,
  xMinMm: 0.495,
  xTargetMm: 1.016,
  xMaxMm: 1.016,
  minHeightMm: 31.75,
  quiet: { left: 10, right: 10, top: 0, bottom: 0 },
};

/** Every GS1-128 on a logistic label (SSCC and the goods it carries): 0.495–0.940 mm, 31.75 mm high. */
export const GS1_128_LOGISTIC: SymbolSpec = {
  context: 'logistic-unit',
  ...TABLE_5,
  xMinMm: 0.495,
  xTargetMm: 0.495,
  xMaxMm: 0.94,
  minHeightMm: 31.75,
  quiet: { left: 10, right: 10, top: 0, bottom: 0 },
};

/**
 * GS1 DataMatrix at POS (and on consumer labels read by phones). 2D symbols are printed at 1.5 times the linear
 * X-dimension of the same table (GS1's note on image capture): 1.5 × 0.264 / 0.330 / 0.660 mm.
 */
export const DATAMATRIX_POS: SymbolSpec = {
  context: 'pos-2d',
  ...TABLE_1,
  xMinMm: 0.396,
  xTargetMm: 0.495,
  xMaxMm: 0.99,
  quiet: { left: 1, right: 1, top: 1, bottom: 1 },
};

/** GS1 QR Code (GS1 Digital Link URI) at POS and for consumers' phones. */
export const QR_POS: SymbolSpec = {
  context: 'pos-2d',
  ...TABLE_1_ADDENDUM_2,
  xMinMm: 0.396,
  xTargetMm: 0.495,
  xMaxMm: 0.99,
  quiet: { left: 4, right: 4, top: 4, bottom: 4 },
};

/**
 * The table row for a barcode element. A carton label is a GS1 logistic label, so every GS1-128 on it follows the
 * logistic-unit row; elsewhere GS1-128 (and plain Code 128) follow general distribution.
 */
export function symbolSpec(symbology: Symbology, purpose: TemplatePurpose, ais: readonly string[] = []): SymbolSpec {
  switch (symbology) {
    case 'ean13':
      return EAN13_RETAIL_POS;
    case 'gs1-128':
    case 'code128':
      return purpose === 'carton' || ais.includes('00') ? GS1_128_LOGISTIC : GS1_128_GENERAL_DISTRIBUTION;
    case 'gs1-datamatrix':
      return DATAMATRIX_POS;
    case 'qr':
    case 'qr-digital-link':
      return QR_POS;
  }
}

export const dotMm = (dpi: number) => 25.4 / dpi;

/**
 * Whole dots per module inside the spec's range at this resolution, closest to `wantedMm` (default: the target;
 * a tie goes to the larger module). Null when no whole number of dots lands in the range.
 */
export function moduleDots(spec: SymbolSpec, dpi: number, wantedMm?: number): number | null {
  const d = dotMm(dpi);
  const lo = Math.ceil(spec.xMinMm / d - 1e-9);
  const hi = Math.floor(spec.xMaxMm / d + 1e-9);
  if (lo > hi) return null;
  const want = (wantedMm ?? spec.xTargetMm) / d;
  let best = lo;
  for (let n = lo; n <= hi; n++) if (Math.abs(n - want) <= Math.abs(best - want)) best = n;
  return best;
}

/** Minimum bar height in dots for a linear symbol at `dots` per module (rounded up: never under the minimum). */
export function minBarDots(spec: SymbolSpec, dpi: number, dots: number): number {
  if (!spec.minHeightMm) return 0;
  const xMm = dots * dotMm(dpi);
  const mm = spec.heightScales ? (spec.minHeightMm * xMm) / spec.xTargetMm : spec.minHeightMm;
  return Math.ceil(mm / dotMm(dpi) - 1e-9);
}
