// EPC identifiers for EPCIS events (GS1 EPC Tag Data Standard, pure-identity URNs) and the Digital Link
// alternative. The company prefix length comes from the business's gs1CompanyPrefix (6–12 digits).
import { gs1CheckDigit } from './checkdigit';
import { DEFAULT_DL_DOMAIN, dlEncode } from './digital-link';
import { gs1Error, lengthParams, validateAiValue, type Gs1Error } from './validate';

export type EpcResult = { ok: true; value: string } | { ok: false; errors: Gs1Error[] };

/**
 * EPC TDS escaping of a serial or lot inside a URN: the CSET 82 characters `" % & / < > ?` are written as
 * %22 %25 %26 %2F %3C %3E %3F; all others stay as they are.
 */
export function epcEscape(v: string): string {
  return v.replace(/["%&/<>?]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Reverses `epcEscape`. */
export function epcUnescape(v: string): string {
  return v.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function prefixLengthError(prefixLength: number, min: number, max: number): Gs1Error[] | null {
  return Number.isInteger(prefixLength) && prefixLength >= min && prefixLength <= max
    ? null
    : [gs1Error('GS1_PREFIX_LENGTH', { length: prefixLength })];
}

function check(...pairs: [string, string][]): Gs1Error[] | null {
  const errors = pairs.map(([ai, v]) => validateAiValue(ai, v)).filter((e): e is Gs1Error => e !== null);
  return errors.length ? errors : null;
}

/** Splits a GTIN-14 into `{companyPrefix}.{indicator+itemRef}`. */
function gtinParts(gtin14: string, prefixLength: number): string {
  return `${gtin14.slice(1, 1 + prefixLength)}.${gtin14[0]}${gtin14.slice(1 + prefixLength, 13)}`;
}

const gtin14 = (g: string) => (/^(\d{8}|\d{12}|\d{13})$/.test(g) ? g.padStart(14, '0') : g);

/**
 * `urn:epc:class:lgtin:{companyPrefix}.{indicator+itemRef}.{lot}` — a product lot (EPCIS `epcClass`).
 * The prefix length must be the GTIN owner's: for a supplier's GTIN it is usually unknown, see `lotEpcClass`.
 */
export function lgtinUrn(gtin: string, lot: string, prefixLength: number): EpcResult {
  const g = gtin14(gtin);
  const errors = prefixLengthError(prefixLength, 6, 12) ?? check(['01', g], ['10', lot]);
  return errors
    ? { ok: false, errors }
    : { ok: true, value: `urn:epc:class:lgtin:${gtinParts(g, prefixLength)}.${epcEscape(lot)}` };
}

/** `urn:epc:id:sgtin:{companyPrefix}.{indicator+itemRef}.{serial}` — one serialised item. */
export function sgtinUrn(gtin: string, serial: string, prefixLength: number): EpcResult {
  const g = gtin14(gtin);
  const errors = prefixLengthError(prefixLength, 6, 12) ?? check(['01', g], ['21', serial]);
  return errors
    ? { ok: false, errors }
    : { ok: true, value: `urn:epc:id:sgtin:${gtinParts(g, prefixLength)}.${epcEscape(serial)}` };
}

/**
 * `urn:epc:id:sgln:{companyPrefix}.{locationRef}.{extension}` — a location (EPCIS readPoint/bizLocation).
 * Without a GLN extension (AI 254) the extension is "0", as the Tag Data Standard prescribes.
 */
export function sglnUrn(gln: string, prefixLength: number, extension?: string): EpcResult {
  const errors =
    prefixLengthError(prefixLength, 6, 12) ??
    check(['414', gln], ...(extension ? [['254', extension] as [string, string]] : []));
  if (errors) return { ok: false, errors };
  return {
    ok: true,
    value: `urn:epc:id:sgln:${gln.slice(0, prefixLength)}.${gln.slice(prefixLength, 12)}.${extension ? epcEscape(extension) : '0'}`,
  };
}

/** `urn:epc:id:sscc:{companyPrefix}.{extension+serialRef}` — a shipped carton or pallet. */
export function ssccUrn(sscc: string, prefixLength: number): EpcResult {
  const errors = prefixLengthError(prefixLength, 6, 12) ?? check(['00', sscc]);
  if (errors) return { ok: false, errors };
  return {
    ok: true,
    value: `urn:epc:id:sscc:${sscc.slice(1, 1 + prefixLength)}.${sscc[0]}${sscc.slice(1 + prefixLength, 17)}`,
  };
}

/**
 * An SSCC-18 for a carton label: extension digit (0–9), company prefix, serial reference (zero-padded to fill
 * 16 digits with the prefix) and the check digit.
 */
export function sscc18(extension: number | string, companyPrefix: string, serialRef: number | string): EpcResult {
  const ext = String(extension);
  const ref = String(serialRef);
  if (!/^\d$/.test(ext))
    return { ok: false, errors: [gs1Error('GS1_BAD_VALUE', { ai: '00', value: ext, linter: 'extension' })] };
  if (!/^\d{6,12}$/.test(companyPrefix))
    return { ok: false, errors: [gs1Error('GS1_PREFIX_LENGTH', { length: companyPrefix.length })] };
  const refDigits = 16 - companyPrefix.length;
  if (!/^\d+$/.test(ref) || ref.length > refDigits) {
    return { ok: false, errors: [gs1Error('GS1_LENGTH', lengthParams('00', ref.length, 1, refDigits))] };
  }
  const body = ext + companyPrefix + ref.padStart(refDigits, '0');
  return { ok: true, value: body + String(gs1CheckDigit(body)) };
}

/** The Digital Link form of a product lot for EPCIS: `https://id.gs1.org/01/{gtin14}/10/{lot}`. */
export function lgtinDigitalLink(gtin: string, lot: string, domain = DEFAULT_DL_DOMAIN): EpcResult {
  const g = gtin14(gtin);
  const errors = check(['01', g], ['10', lot]);
  return errors
    ? { ok: false, errors }
    : { ok: true, value: `${domain.replace(/\/+$/, '')}/01/${g}/10/${dlEncode(lot)}` };
}

/**
 * The `epcClass` for a lot in EPCIS: the lgtin URN when the GTIN carries our own company prefix (so its length
 * is known), otherwise the Digital Link form, which needs no prefix length (EPCIS 2.0 accepts both).
 */
export function lotEpcClass(gtin: string, lot: string, ownCompanyPrefix?: string | null): EpcResult {
  const g = gtin14(gtin);
  if (ownCompanyPrefix && /^\d{6,12}$/.test(ownCompanyPrefix) && g.slice(1).startsWith(ownCompanyPrefix)) {
    return lgtinUrn(g, lot, ownCompanyPrefix.length);
  }
  return lgtinDigitalLink(g, lot);
}

/** What an EPC URN identifies, for reading EPCIS documents back. */
export type ParsedEpc =
  | { kind: 'lgtin'; gtin: string; lot: string }
  | { kind: 'sgtin'; gtin: string; serial: string }
  | { kind: 'sgln'; gln: string; extension: string | null }
  | { kind: 'sscc'; sscc: string };

/** Reads an lgtin/sgtin/sgln/sscc URN back into GS1 keys (check digits recomputed); null if not one of these. */
export function parseEpcUrn(urn: string): ParsedEpc | null {
  const m = /^urn:epc:(?:class:lgtin|id:(sgtin|sgln|sscc)):(\d+)\.(\d+)(?:\.(.+))?$/.exec(urn);
  if (!m) return null;
  const kind = (m[1] ?? 'lgtin') as ParsedEpc['kind'];
  const [, , cp, ref, rest] = m;
  if (kind === 'lgtin' || kind === 'sgtin') {
    if (rest === undefined || cp.length + ref.length !== 13) return null;
    const body = ref[0] + cp + ref.slice(1);
    const gtin = body + String(gs1CheckDigit(body));
    return kind === 'lgtin' ? { kind, gtin, lot: epcUnescape(rest) } : { kind, gtin, serial: epcUnescape(rest) };
  }
  if (kind === 'sgln') {
    if (rest === undefined || cp.length + ref.length !== 12) return null;
    const body = cp + ref;
    return { kind, gln: body + String(gs1CheckDigit(body)), extension: rest === '0' ? null : epcUnescape(rest) };
  }
  if (rest !== undefined || cp.length + ref.length !== 17) return null;
  const body = ref[0] + cp + ref.slice(1);
  return { kind: 'sscc', sscc: body + String(gs1CheckDigit(body)) };
}
