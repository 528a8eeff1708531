// Identifiers in exported/sent EPCIS documents (see docs/epcis.md):
// - a lot of a product WITH a GTIN: EPC class URN (lgtin) for our own GTINs, GS1 Digital Link otherwise
//   (shared/gs1 `lotEpcClass`);
// - anything without a GS1 key (product without GTIN, location or partner without GLN, document numbers):
//   the private scheme `urn:nguongoc:<business tax code>:<kind>:<local key>`, or, when the business has its
//   own Digital Link domain, `https://<domain>/nguongoc/<kind>/<local key>`. The local key is the code the
//   user sees (product code, lot code, document number), percent-encoded, or the record id for places/partners.
import { lotEpcClass } from '../../shared/gs1';

export type IdBusiness = { taxCode: string | null; gs1CompanyPrefix: string | null; digitalLinkDomain: string | null };

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function privateUri(b: IdBusiness, ...parts: (string | number)[]): string {
  const path = parts.map((p) => enc(String(p)));
  const domain = b.digitalLinkDomain
    ?.trim()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  if (domain && /^[A-Za-z0-9.-]+(:\d+)?$/.test(domain)) return `https://${domain}/nguongoc/${path.join('/')}`;
  return `urn:nguongoc:${enc(b.taxCode?.trim() || 'local')}:${path.join(':')}`;
}

/** The epcClass of one lot. */
export function lotClassId(b: IdBusiness, p: { gtin: string | null; code: string }, lotCode: string): string {
  if (p.gtin) {
    const r = lotEpcClass(p.gtin, lotCode, b.gs1CompanyPrefix);
    if (r.ok) return r.value;
  }
  return privateUri(b, 'product', p.code, 'lot', lotCode);
}

/** The product class (master data, no lot). */
export function productClassId(b: IdBusiness, p: { gtin: string | null; code: string }): string {
  if (p.gtin) return `https://id.gs1.org/01/${p.gtin.padStart(14, '0')}`;
  return privateUri(b, 'product', p.code);
}

/** A location: GLN as a Digital Link (AI 414, physical location), else private. */
export function locationId(b: IdBusiness, l: { id: number; gln: string | null }): string {
  return l.gln ? `https://id.gs1.org/414/${l.gln}` : privateUri(b, 'location', l.id);
}

/** A party (supplier, customer, the business itself): GLN as Digital Link (AI 417, party), else private. */
export function partyId(b: IdBusiness, p: { id: number | 'business'; gln: string | null }): string {
  return p.gln ? `https://id.gs1.org/417/${p.gln}` : privateUri(b, 'partner', p.id);
}

export function documentId(b: IdBusiness, ref: string): string {
  return privateUri(b, 'doc', ref);
}

/**
 * UN/CEFACT Rec 20 code of every unit: mass and volume, and for count units the package code of Rec 21 (X + code,
 * part of Rec 20) or H87 (piece). A quantity in a count unit is a whole number.
 */
export const UOM: Record<string, string> = {
  kg: 'KGM',
  g: 'GRM',
  tan: 'TNE',
  l: 'LTR',
  ml: 'MLT',
  cai: 'H87',
  hop: 'XBX',
  goi: 'XPK',
  tui: 'XBG',
  chai: 'XBO',
  lon: 'XCX',
  hu: 'XJR',
  cay: 'XRO',
  qua: 'H87',
  bao: 'XSA',
  thung: 'XCT',
};
