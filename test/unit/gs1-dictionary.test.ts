// The generated AI table is checked against the GS1 Syntax Dictionary text itself, with a parser written
// independently of scripts/gen-gs1-dictionary.mjs, and every AI gets a valid sample value built from its format.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aiEntries, aiEntry, type AiEntry } from '../../shared/gs1/ai-dictionary';
import { DICTIONARY_SHA256 } from '../../shared/gs1/ai-dictionary.generated';
import { checkCharacterPair, knownLinters } from '../../shared/gs1/linters';
import { gs1CheckDigit } from '../../shared/gs1/checkdigit';
import { validateAiValue } from '../../shared/gs1/validate';

// The official file beside the project (../shared/gs1) when present; else the copy shipped in resources/gs1.
const officialPath = join(process.cwd(), '..', 'shared', 'gs1', 'gs1-syntax-dictionary.txt');
const dictPath = existsSync(officialPath)
  ? officialPath
  : join(process.cwd(), 'resources', 'gs1', 'gs1-syntax-dictionary.txt');
const text = readFileSync(dictPath, 'utf8');

interface Row {
  ais: string[];
  flags: string;
  spec: string[];
  attrs: string[];
  title: string;
}

/** Lines of the dictionary: "AIs [flags] spec… [attrs…] [# title]". */
const rows: Row[] = text
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((line) => {
    const [body, ...titleParts] = line.split('#');
    const words = body.trim().split(/\s+/);
    const [first, last = first] = words[0].split('-');
    const ais: string[] = [];
    for (let n = Number(first); n <= Number(last); n++) ais.push(String(n).padStart(first.length, '0'));
    const rest = words.slice(1);
    const flags = rest[0] && /^[*?]+$/.test(rest[0]) ? rest.shift()! : '';
    const spec = rest.filter((w) => /^\[?[NXYZ][\d.]/.test(w));
    const attrs = rest.filter((w) => !spec.includes(w));
    return { ais, flags, spec, attrs, title: titleParts.join('#').trim() };
  });

/** The format of an entry written back in dictionary syntax, e.g. "N13,csum,gcppos1 [X..17]". */
function formatOf(e: AiEntry): string {
  return e.components
    .map((c) => {
      const t = `${c.cset}${c.min === c.max ? c.max : `..${c.max}`}`;
      return [c.optional ? `[${t}]` : t, ...c.linters].join(',');
    })
    .join(' ');
}

describe('GS1 AI dictionary (generated from gs1-syntax-dictionary.txt)', () => {
  it('is generated from the current text file', () => {
    expect(createHash('sha256').update(text).digest('hex')).toBe(DICTIONARY_SHA256);
  });

  it('has every AI of the text file, with the same format, flags, title and attributes', () => {
    const fromText = rows.flatMap((r) => r.ais.map((ai) => ({ ai, r })));
    expect(aiEntries.map((e) => e.ai)).toEqual(fromText.map((x) => x.ai));
    for (const { ai, r } of fromText) {
      const e = aiEntry(ai)!;
      expect(formatOf(e), `format of ${ai}`).toBe(r.spec.join(' '));
      expect(e.fnc1, `FNC1 of ${ai}`).toBe(!r.flags.includes('*'));
      expect(e.dlDataAttribute).toBe(r.flags.includes('?'));
      expect(e.title).toBe(r.title);
      const ex = r.attrs.filter((a) => a.startsWith('ex=')).flatMap((a) => a.slice(3).split(','));
      expect(e.ex).toEqual(ex);
      const req = r.attrs.filter((a) => a.startsWith('req=')).map((a) => a.slice(4));
      expect(e.req.map((clause) => clause.map((alt) => alt.join('+')).join(','))).toEqual(req);
      const dl = r.attrs.find((a) => a.startsWith('dlpkey'));
      expect(
        e.dlpkey === null
          ? undefined
          : `dlpkey${e.dlpkey[0].length ? `=${e.dlpkey.map((s) => s.join(',')).join('|')}` : ''}`,
      ).toBe(dl);
    }
  });

  it('knows the pre-defined length table and the GTIN qualifiers', () => {
    expect(aiEntry('01')).toMatchObject({
      fnc1: false,
      fixedLength: true,
      maxLength: 14,
      dlpkey: [['22', '10', '21'], ['235']],
    });
    expect(aiEntry('10')).toMatchObject({ fnc1: true, minLength: 1, maxLength: 20 });
    expect(aiEntry('3103')).toMatchObject({ fnc1: false, ex: ['310n'] });
    // Fixed length but not in the pre-defined table: still needs a separator.
    expect(aiEntry('422')).toMatchObject({ fixedLength: true, fnc1: true });
    expect(aiEntry('99')).toBeDefined();
    expect(aiEntry('23')).toBeUndefined();
  });

  it('implements every linter the dictionary names', () => {
    const named = new Set(aiEntries.flatMap((e) => e.components.flatMap((c) => c.linters)));
    for (const l of named) expect(knownLinters, l).toContain(l);
  });
});

/** A valid sample value for one component, honouring its linters. */
function sampleComponent(cset: string, len: number, linters: string[]): string {
  const fixed: Record<string, string> = {
    yymmdd: '261231',
    yymmd0: '261200',
    yyyymmdd: '20261231',
    hh: '12',
    mi: '30',
    ss: '45',
    hhmi: '1230',
    iso3166: '704',
    iso3166999: '999',
    iso3166alpha2: 'VN',
    iso4217: '704',
    iso5218: '1',
    yesno: '1',
    winding: '9',
    zero: '0',
    hyphen: '-',
    pieceoftotal: '0102',
    posinseqslash: '1/2',
    latitude: '0900000000',
    longitude: '1800000000',
    mediatype: '01',
    importeridx: 'A',
    iban: 'GB82WEST12345698765432',
    packagetype: 'BX',
    couponcode: '0123456',
    couponposoffer: '0123456',
  };
  const special = linters.find((l) => fixed[l]);
  if (special) return fixed[special];
  if (linters.includes('csumalpha')) return '9520001A' + checkCharacterPair('9520001A');
  let v =
    cset === 'N'
      ? '9520001234567890123456789012345678'.slice(0, len)
      : ('9520' + 'ABCDEFGHJK'.repeat(10)).slice(0, len);
  if (cset === 'Z') v = ('AZaz09-_' + 'Q'.repeat(90)).slice(0, len);
  if (linters.includes('nozeroprefix') || linters.includes('nonzero')) v = '1'.repeat(len);
  if (linters.includes('csum')) v = v.slice(0, -1) + String(gs1CheckDigit(v.slice(0, -1)));
  return v;
}

function sampleValue(e: AiEntry): string {
  return e.components
    .filter((c) => !c.optional)
    .map((c) => sampleComponent(c.cset, c.min === c.max ? c.max : Math.min(c.max, 10), c.linters))
    .join('');
}

describe('validating every AI of the dictionary', () => {
  it.each(aiEntries.map((e) => [e.ai, e] as const))('AI %s accepts a well-formed sample value', (_ai, e) => {
    expect(validateAiValue(e.ai, sampleValue(e))).toBeNull();
  });

  const withCheckDigit = aiEntries.filter(
    (e) =>
      e.components[0].linters.includes('csum') || e.components.some((c) => !c.optional && c.linters.includes('csum')),
  );
  it.each(withCheckDigit.map((e) => [e.ai, e] as const))(
    'AI %s refuses a wrong check digit and names the right one',
    (_ai, e) => {
      let pos = 0;
      const good = sampleValue(e);
      for (const c of e.components) {
        if (c.linters.includes('csum')) break;
        pos += c.max;
      }
      const comp = e.components.find((c) => c.linters.includes('csum'))!;
      const at = pos + comp.max - 1;
      const wrong = good.slice(0, at) + String((Number(good[at]) + 1) % 10) + good.slice(at + 1);
      expect(validateAiValue(e.ai, wrong)).toEqual({
        code: 'GS1_CHECK_DIGIT',
        params: { ai: e.ai, expected: good[at] },
      });
    },
  );

  it('refuses values that are too long, too short, or use characters outside the set', () => {
    expect(validateAiValue('10', 'A'.repeat(21))).toMatchObject({
      code: 'GS1_LENGTH',
      params: { ai: '10', length: 21, max: 20 },
    });
    expect(validateAiValue('01', '0952000000001')).toMatchObject({ code: 'GS1_LENGTH' });
    expect(validateAiValue('10', 'LÔ 1')).toMatchObject({ code: 'GS1_BAD_CHAR', params: { char: 'Ô', position: 2 } });
    expect(validateAiValue('17', '26123A')).toMatchObject({ code: 'GS1_BAD_CHAR', params: { char: 'A', position: 6 } });
    expect(validateAiValue('8010', 'A952BC')).toMatchObject({ code: 'GS1_BAD_VALUE', params: { linter: 'gcppos1' } });
    expect(validateAiValue('422', '999')).toMatchObject({ code: 'GS1_BAD_VALUE', params: { linter: 'iso3166' } });
    expect(validateAiValue('422', '704')).toBeNull(); // Viet Nam
    expect(validateAiValue('4307', 'VN')).toBeNull();
    expect(validateAiValue('4307', 'VX')).toMatchObject({ code: 'GS1_BAD_VALUE', params: { linter: 'iso3166alpha2' } });
    expect(validateAiValue('7041', 'PX')).toBeNull(); // pallet
    expect(validateAiValue('7041', 'QQQ')).toMatchObject({ code: 'GS1_BAD_VALUE', params: { linter: 'packagetype' } });
    expect(validateAiValue('3911', '704123')).toBeNull(); // amount in dong
    expect(validateAiValue('3911', '000123')).toMatchObject({ code: 'GS1_BAD_VALUE', params: { linter: 'iso4217' } });
    expect(validateAiValue('8007', 'GB82WEST12345698765431')).toMatchObject({
      code: 'GS1_BAD_VALUE',
      params: { linter: 'iban' },
    });
  });

  it('computes the GMN check character pair of the GS1 General Specifications example', () => {
    expect(checkCharacterPair('1987654Ad4X4bL5ttr2310c')).toBe('2K');
    expect(validateAiValue('8013', '1987654Ad4X4bL5ttr2310c2K')).toBeNull();
    expect(validateAiValue('8013', '1987654Ad4X4bL5ttr2310c2L')).toEqual({
      code: 'GS1_CHECK_DIGIT',
      params: { ai: '8013', expected: '2K' },
    });
  });
});
