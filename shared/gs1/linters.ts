// The GS1 Syntax Dictionary "linters": content checks named in the dictionary after each component
// (e.g. `N14,csum,gcppos2`). Each returns null when the component is fine.
import { gs1CheckDigit } from './checkdigit';
import { iso3166Alpha2, iso3166Numeric, iso4217Numeric, packageTypeCodes } from './code-lists';
import { isValidYymmdd, yyyymmddToIso } from './dates';
import type { Cset } from './ai-dictionary';

export type LintProblem =
  { code: 'GS1_CHECK_DIGIT'; expected: string } | { code: 'GS1_BAD_DATE' } | { code: 'GS1_BAD_VALUE'; linter: string };

/** GS1 AI encodable character set 82 (the "X" type). */
export const CSET82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
/** CSET 39 ("Y"). */
export const CSET39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CSET64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Position (0-based) of the first character not allowed by a character set, or -1. */
export function firstBadChar(value: string, cset: Cset): number {
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    const ok =
      cset === 'N'
        ? c >= '0' && c <= '9'
        : cset === 'X'
          ? CSET82.includes(c)
          : cset === 'Y'
            ? CSET39.includes(c)
            : // base64url: "=" only as trailing padding.
              CSET64.includes(c) || (c === '=' && /^=+$/.test(value.slice(i)));
    if (!ok) return i;
  }
  return -1;
}

const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83];

/** The two check characters of a GMN / MUDI (GS1 General Specifications §7.9.5), or null if not computable. */
export function checkCharacterPair(dataWithoutPair: string): string | null {
  if (dataWithoutPair.length > PRIMES.length) return null;
  let sum = 0;
  for (let i = 0; i < dataWithoutPair.length; i++) {
    const v = CSET82.indexOf(dataWithoutPair[i]);
    if (v < 0) return null;
    // Weights are primes from the right: the last character weighs 2.
    sum += v * PRIMES[dataWithoutPair.length - 1 - i];
  }
  sum %= 1021;
  return CSET32[sum >> 5] + CSET32[sum & 31];
}

function ibanValid(v: string): boolean {
  if (!/^[A-Z]{2}\d{2}[0-9A-Z]{1,30}$/.test(v) || !iso3166Alpha2.has(v.slice(0, 2))) return false;
  const moved = v.slice(4) + v.slice(0, 4);
  let rem = 0;
  for (const c of moved) {
    const n = c >= 'A' ? c.charCodeAt(0) - 55 : c.charCodeAt(0) - 48;
    rem = n >= 10 ? (rem * 100 + n) % 97 : (rem * 10 + n) % 97;
  }
  return rem === 1;
}

const two = (v: string, max: number) => /^\d{2}$/.test(v) && Number(v) <= max;
const bad = (linter: string): LintProblem => ({ code: 'GS1_BAD_VALUE', linter });

type Linter = (v: string) => LintProblem | null;

const LINTERS: Record<string, Linter> = {
  csum: (v) => {
    if (!/^\d+$/.test(v)) return bad('csum');
    const expected = String(gs1CheckDigit(v.slice(0, -1)));
    return expected === v[v.length - 1] ? null : { code: 'GS1_CHECK_DIGIT', expected };
  },
  csumalpha: (v) => {
    if (v.length < 3) return bad('csumalpha');
    const expected = checkCharacterPair(v.slice(0, -2));
    if (expected === null) return bad('csumalpha');
    return expected === v.slice(-2) ? null : { code: 'GS1_CHECK_DIGIT', expected };
  },
  // A GS1 Company Prefix starts here: at least its first four characters are digits. (The reference linter
  // can also look the prefix up in GS1's allocation list, which is not available offline.)
  gcppos1: (v) => (/^\d{4}/.test(v) ? null : bad('gcppos1')),
  gcppos2: (v) => (/^.\d{4}/.test(v) ? null : bad('gcppos2')),
  yymmdd: (v) => (isValidYymmdd(v, false) ? null : { code: 'GS1_BAD_DATE' }),
  yymmd0: (v) => (isValidYymmdd(v, true) ? null : { code: 'GS1_BAD_DATE' }),
  yyyymmdd: (v) => (yyyymmddToIso(v) ? null : { code: 'GS1_BAD_DATE' }),
  hh: (v) => (two(v, 23) ? null : bad('hh')),
  mi: (v) => (two(v, 59) ? null : bad('mi')),
  ss: (v) => (two(v, 59) ? null : bad('ss')),
  hhmi: (v) => (v.length === 4 && two(v.slice(0, 2), 23) && two(v.slice(2), 59) ? null : bad('hhmi')),
  iso3166: (v) => (iso3166Numeric.has(v) ? null : bad('iso3166')),
  iso3166999: (v) => (v === '999' || iso3166Numeric.has(v) ? null : bad('iso3166')),
  iso3166alpha2: (v) => (iso3166Alpha2.has(v) ? null : bad('iso3166alpha2')),
  iso4217: (v) => (iso4217Numeric.has(v) ? null : bad('iso4217')),
  iso5218: (v) => (['0', '1', '2', '9'].includes(v) ? null : bad('iso5218')),
  yesno: (v) => (v === '0' || v === '1' ? null : bad('yesno')),
  winding: (v) => (['0', '1', '9'].includes(v) ? null : bad('winding')),
  zero: (v) => (v === '0' ? null : bad('zero')),
  nonzero: (v) => (/^0*$/.test(v) ? bad('nonzero') : null),
  nozeroprefix: (v) => (v.length > 1 && v[0] === '0' ? bad('nozeroprefix') : null),
  hasnondigit: (v) => (/\D/.test(v) ? null : bad('hasnondigit')),
  hyphen: (v) => (/^-*$/.test(v) ? null : bad('hyphen')),
  // Piece number of total, both two digits: 1 ≤ piece ≤ total.
  pieceoftotal: (v) => {
    const piece = Number(v.slice(0, v.length / 2));
    const total = Number(v.slice(v.length / 2));
    return v.length % 2 === 0 && /^\d+$/.test(v) && piece >= 1 && total >= 1 && piece <= total
      ? null
      : bad('pieceoftotal');
  },
  // "n/m": position n in a sequence of m.
  posinseqslash: (v) => {
    const m = /^(\d+)\/(\d+)$/.exec(v);
    return m && Number(m[1]) >= 1 && Number(m[1]) <= Number(m[2]) && !m[1].startsWith('0') && !m[2].startsWith('0')
      ? null
      : bad('posinseqslash');
  },
  // Latitude/longitude as 10 digits offset by 90 / 180 degrees, 7 decimals.
  latitude: (v) => (/^\d{10}$/.test(v) && Number(v) <= 1_800_000_000 ? null : bad('latitude')),
  longitude: (v) => (/^\d{10}$/.test(v) && Number(v) <= 3_600_000_000 ? null : bad('longitude')),
  // Percent-encoded text: every "%" starts a two-hex-digit escape.
  pcenc: (v) => (/%(?![0-9A-Fa-f]{2})/.test(v) ? bad('pcenc') : null),
  mediatype: (v) =>
    /^\d{2}$/.test(v) && ((Number(v) >= 1 && Number(v) <= 10) || Number(v) >= 80) ? null : bad('mediatype'),
  importeridx: (v) => (/^[0-9A-Za-z_-]$/.test(v) ? null : bad('importeridx')),
  iban: (v) => (ibanValid(v) ? null : bad('iban')),
  packagetype: (v) => (packageTypeCodes.has(v) ? null : bad('packagetype')),
  // North American coupon structures (AIs 8110/8112): checked for shape only — digits.
  couponcode: (v) => (/^\d+$/.test(v) ? null : bad('couponcode')),
  couponposoffer: (v) => (/^\d+$/.test(v) ? null : bad('couponposoffer')),
};

/** Names of the linters this module implements (every one the dictionary names must be here). */
export const knownLinters: readonly string[] = Object.keys(LINTERS);

/** Runs one named linter; an unknown name is reported rather than silently passed. */
export function runLinter(name: string, value: string): LintProblem | null {
  const f = LINTERS[name];
  return f ? f(value) : bad(name);
}
