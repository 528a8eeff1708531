// GS1 Digital Link URIs (what a GS1 QR code on a label holds): https://{domain}/01/{GTIN-14}/10/{lot}?17={YYMMDD}.
// Path: the primary key, then its key qualifiers in the dictionary's order (dlpkey=22,10,21 for 01); every other
// AI goes in the query string. Values are percent-encoded outside the URI "unreserved" set.
import { aiEntry, type AiEntry } from './ai-dictionary';
import { isoToYymmdd } from './dates';
import { gs1Error, validateAiValue, type AiValue, type Gs1Error } from './validate';

/** GS1's resolver; used when the business has no domain of its own. */
export const DEFAULT_DL_DOMAIN = 'https://id.gs1.org';

/** Short names GS1 Digital Link 1.x allows in the path instead of the numeric AI. */
const SHORT_NAMES: Record<string, string> = {
  gtin: '01',
  itip: '8006',
  cpv: '22',
  lot: '10',
  ser: '21',
  sscc: '00',
  gln: '414',
  glnx: '254',
  party: '417',
  gdti: '253',
  gcn: '255',
  grai: '8003',
  giai: '8004',
  ginc: '401',
  gsin: '402',
  gsrnp: '8017',
  gsrn: '8018',
  cpid: '8010',
  cpsn: '8011',
  gmn: '8013',
};

/** Percent-encodes everything but RFC 3986 unreserved characters (A–Z a–z 0–9 - . _ ~), as Digital Link requires. */
export function dlEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function normaliseDomain(domain: string): string {
  const d = domain.trim().replace(/\/+$/, '');
  return /^https?:\/\//i.test(d) ? d : `https://${d}`;
}

/** The qualifier sequence of a key that contains all of `qualifiers` in order, or null. */
function qualifierSequence(key: AiEntry, qualifiers: string[]): string[] | null {
  for (const seq of key.dlpkey ?? []) {
    let i = 0;
    if (
      qualifiers.every((q) => {
        while (i < seq.length && seq[i] !== q) i++;
        return i++ < seq.length;
      })
    )
      return seq;
  }
  return null;
}

export type DigitalLinkResult = { ok: true; uri: string } | { ok: false; errors: Gs1Error[] };

/**
 * Builds a Digital Link URI from AI values. The primary key is AI 01 when present, else the first key AI
 * (00, 414, 8006…); qualifiers of that key go in the path in the dictionary's order, the rest become query
 * parameters in the given order. Every value is validated first.
 */
export function buildDigitalLink(elements: readonly AiValue[], opts: { domain?: string } = {}): DigitalLinkResult {
  const errors: Gs1Error[] = [];
  for (const { ai, value } of elements) {
    const p = validateAiValue(ai, value);
    if (p) errors.push(p);
  }
  if (errors.length) return { ok: false, errors };
  const keyEl = elements.find((e) => e.ai === '01') ?? elements.find((e) => aiEntry(e.ai)?.dlpkey);
  if (!keyEl) return { ok: false, errors: [gs1Error('GS1_DL_NO_KEY')] };
  const key = aiEntry(keyEl.ai) as AiEntry;
  const present = elements.filter((e) => e !== keyEl);
  // Use the qualifier alternative that covers most of what we have (e.g. 22,10,21 rather than 235 for a lot).
  let bestSeq: string[] = [];
  for (const seq of key.dlpkey ?? []) {
    const n = seq.filter((q) => present.some((e) => e.ai === q)).length;
    if (n > bestSeq.filter((q) => present.some((e) => e.ai === q)).length) bestSeq = seq;
  }
  const pathQualifiers = bestSeq.flatMap((q) => present.filter((e) => e.ai === q).slice(0, 1));
  const query = present.filter((e) => !pathQualifiers.includes(e));
  for (const { ai } of query) if (!aiEntry(ai)?.dlDataAttribute) errors.push(gs1Error('GS1_DL_NOT_ATTRIBUTE', { ai }));
  if (errors.length) return { ok: false, errors };
  let uri = `${normaliseDomain(opts.domain ?? DEFAULT_DL_DOMAIN)}/${keyEl.ai}/${dlEncode(keyEl.value)}`;
  for (const q of pathQualifiers) uri += `/${q.ai}/${dlEncode(q.value)}`;
  if (query.length) uri += `?${query.map((q) => `${q.ai}=${dlEncode(q.value)}`).join('&')}`;
  return { ok: true, uri };
}

/**
 * The usual label QR: `https://{domain}/01/{gtin14}/10/{lot}?17={yymmdd}`. `gtin` may be GTIN-8/12/13/14;
 * `expiryDate` is ISO `YYYY-MM-DD`.
 */
export function productDigitalLink(p: {
  gtin: string;
  lot?: string;
  serial?: string;
  expiryDate?: string;
  domain?: string;
}): DigitalLinkResult {
  const elements: AiValue[] = [
    { ai: '01', value: /^\d{8}$|^\d{12,13}$/.test(p.gtin) ? p.gtin.padStart(14, '0') : p.gtin },
  ];
  if (p.lot !== undefined) elements.push({ ai: '10', value: p.lot });
  if (p.serial !== undefined) elements.push({ ai: '21', value: p.serial });
  if (p.expiryDate !== undefined) {
    const yymmdd = isoToYymmdd(p.expiryDate);
    if (!yymmdd) return { ok: false, errors: [gs1Error('GS1_BAD_DATE', { ai: '17', value: p.expiryDate })] };
    elements.push({ ai: '17', value: yymmdd });
  }
  return buildDigitalLink(elements, { domain: p.domain });
}

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * Reads a Digital Link URI back into AI values (not yet validated: `parseScan` validates). Any domain and any
 * path prefix before the key are accepted; non-numeric query parameters (linkType, context…) are ignored.
 */
export function parseDigitalLink(uri: string): { elements: AiValue[]; errors: Gs1Error[]; domain?: string } {
  const m = /^(https?:\/\/[^/?#]+)([^?#]*)(?:\?([^#]*))?(?:#.*)?$/i.exec(uri.trim());
  if (!m) return { elements: [], errors: [gs1Error('GS1_DL_SYNTAX', { detail: uri.slice(0, 60) })] };
  const rawSegments = m[2].split('/').filter((s) => s !== '');
  const segments = rawSegments.map(decode);
  if (segments.some((s) => s === null)) return { elements: [], errors: [gs1Error('GS1_DL_SYNTAX', { detail: m[2] })] };
  const segs = segments as string[];
  const asAi = (s: string) => SHORT_NAMES[s] ?? s;
  let keyAt = -1;
  for (let i = 0; i < segs.length; i++) {
    if (aiEntry(asAi(segs[i]))?.dlpkey && (segs.length - i) % 2 === 0) {
      keyAt = i;
      break;
    }
  }
  if (keyAt < 0) return { elements: [], errors: [gs1Error('GS1_DL_NO_KEY')], domain: m[1] };
  const elements: AiValue[] = [];
  const errors: Gs1Error[] = [];
  for (let i = keyAt; i < segs.length; i += 2) elements.push({ ai: asAi(segs[i]), value: segs[i + 1] });
  // GS1 Digital Link allows GTIN-8/12/13 in the URI; element strings always carry GTIN-14.
  if (elements[0].ai === '01' && /^(\d{8}|\d{12}|\d{13})$/.test(elements[0].value))
    elements[0].value = elements[0].value.padStart(14, '0');
  const key = aiEntry(elements[0].ai) as AiEntry;
  const qualifiers = elements.slice(1).map((e) => e.ai);
  if (qualifiers.length && !qualifierSequence(key, qualifiers)) {
    const bad = qualifiers.find((_, n) => !qualifierSequence(key, qualifiers.slice(0, n + 1))) ?? qualifiers[0];
    errors.push(gs1Error('GS1_DL_ORDER', { ai: bad, key: key.ai }));
  }
  for (const pair of (m[3] ?? '').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const k = decode(eq < 0 ? pair : pair.slice(0, eq));
    const v = decode(eq < 0 ? '' : pair.slice(eq + 1));
    if (k === null || v === null) {
      errors.push(gs1Error('GS1_DL_SYNTAX', { detail: pair }));
      continue;
    }
    if (!/^\d+$/.test(k)) continue;
    const entry = aiEntry(k);
    if (!entry) errors.push(gs1Error('GS1_UNKNOWN_AI', { ai: k }));
    else if (!entry.dlDataAttribute) errors.push(gs1Error('GS1_DL_NOT_ATTRIBUTE', { ai: k }));
    else elements.push({ ai: k, value: v });
  }
  return { elements, errors, domain: m[1] };
}
