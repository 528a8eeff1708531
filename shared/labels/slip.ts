// Delivery slips (phiếu giao hàng) for receipt printers: what a slip says, and what each line's code carries (the
// GS1 element string in a DataMatrix, or the lot's GS1 Digital Link URI in a QR), so the customer's own scanner
// fills their receipt from it. Pure data; the raster is drawn in main/labels/slip.ts.
import { buildDigitalLink, buildElementString, DEFAULT_DL_DOMAIN, isoToYymmdd, type Gs1Error } from '../gs1';
import type { AiValue } from '../gs1';
import { unitDef } from '../domain/units';

/** Receipt paper widths and the dots their heads print at 203 dpi (58 mm: 384 dots = 48 mm, 80 mm: 576 = 72 mm). */
export const SLIP_PAPERS = [58, 80] as const;
export type SlipPaper = (typeof SLIP_PAPERS)[number];
const HEAD_DOTS_203: Record<SlipPaper, number> = { 58: 384, 80: 576 };

/** Printable width in dots, a whole number of bytes (ESC/POS raster rows are bytes). */
export function slipWidthDots(paper: SlipPaper, dpi: number): number {
  return Math.round((HEAD_DOTS_203[paper] * dpi) / 203 / 8) * 8;
}

export type SlipLine = {
  productName: string;
  gtin: string | null;
  lotCode: string;
  qty: number;
  /** Unit code (kg, hop…). */
  unit: string;
  expiryDate: string | null;
};

/** The symbol each slip line carries: GS1 DataMatrix (element string) or QR (GS1 Digital Link URI). */
export const SLIP_CODES = ['datamatrix', 'qr'] as const;
export type SlipCode = (typeof SLIP_CODES)[number];

export type SlipData = {
  /**
   * `digitalLinkDomain`: the business's trace address when the slip was made (id.gs1.org when none), so a
   * reprint's QR leads where the first one did.
   */
  business: { name: string; taxCode: string; address: string; digitalLinkDomain?: string | null };
  /** The shipment's reference (its document number), or "#id" when it has none. */
  number: string;
  date: string;
  customer: { name: string; address: string | null } | null;
  /** Internal transfers name the destination instead of a customer. */
  destination: string | null;
  lines: SlipLine[];
};

/**
 * The AIs of one slip line: (01) GTIN, (10) lot, (17) expiry, and the quantity where GS1 has an AI for it with
 * a GTIN: (30) a count of a count unit, (310n) a net weight in kg. Null without a GTIN (no GS1 key to carry).
 */
export function slipLineAis(l: SlipLine): AiValue[] | null {
  if (!l.gtin) return null;
  const ais: AiValue[] = [
    { ai: '01', value: l.gtin.padStart(14, '0') },
    { ai: '10', value: l.lotCode },
  ];
  const expiry = l.expiryDate ? isoToYymmdd(l.expiryDate) : null;
  if (expiry) ais.push({ ai: '17', value: expiry });
  const q = slipQuantityAi(l.qty, l.unit);
  if (q) ais.push(q);
  return ais;
}

function slipQuantityAi(qty: number, unit: string): AiValue | null {
  const u = unitDef(unit);
  if (!u) return null;
  if (u.dimension === 'count') {
    return Number.isInteger(qty) && qty > 0 && qty < 1e8 ? { ai: '30', value: String(qty) } : null;
  }
  if (u.dimension !== 'mass') return null;
  const kg = (qty * u.factor) / 1000;
  // 310n: six digits with n decimals; the most decimals that still fit, so 12.5 kg is 3103 012500.
  for (let n = 3; n >= 0; n--) {
    const v = Math.round(kg * 10 ** n);
    if (v < 1e6 && Math.abs(v / 10 ** n - kg) < 1e-9) return { ai: `310${n}`, value: String(v).padStart(6, '0') };
  }
  return null;
}

/**
 * What one slip line's code carries, validated by the GS1 library; null without a GTIN (no GS1 key to carry).
 * DataMatrix: the element string (`hri` bracketed, `data` with FNC1/GS). QR: the Digital Link URI of the same
 * AIs under `domain` (the business's trace address, id.gs1.org when none), as the labels' QR.
 */
export type SlipLineCode = { ok: true; data: string; hri: string } | { ok: false; errors: Gs1Error[] };
export function slipLineCode(l: SlipLine, code: SlipCode = 'datamatrix', domain?: string | null): SlipLineCode | null {
  const ais = slipLineAis(l);
  if (!ais) return null;
  if (code === 'datamatrix') return buildElementString(ais);
  const r = buildDigitalLink(ais, { domain: domain || DEFAULT_DL_DOMAIN });
  return r.ok ? { ok: true, data: r.uri, hri: r.uri } : r;
}

/** The words printed on a slip, in the caller's language. */
export const SLIP_WORDS = {
  vi: {
    title: 'PHIẾU GIAO HÀNG',
    slipName: 'Phiếu giao hàng',
    taxCode: 'MST',
    number: 'Số',
    date: 'Ngày',
    customer: 'Khách hàng',
    address: 'Địa chỉ',
    destination: 'Nơi nhận',
    lot: 'Lô',
    qty: 'SL',
    expiry: 'HSD',
    noCode: 'Chưa có mã GTIN — không có mã quét',
    scanHint: 'Quét mã của từng dòng để nhập hàng',
    lines: 'dòng',
  },
  en: {
    title: 'DELIVERY SLIP',
    slipName: 'Delivery slip',
    taxCode: 'Tax code',
    number: 'No.',
    date: 'Date',
    customer: 'Customer',
    address: 'Address',
    destination: 'To',
    lot: 'Lot',
    qty: 'Qty',
    expiry: 'Expiry',
    noCode: 'No GTIN — no code to scan',
    scanHint: 'Scan each line to receive the goods',
    lines: 'lines',
  },
} as const;
