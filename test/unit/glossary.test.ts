// The glossary (docs/glossary.md) on every dictionary: one word per concept, one spelling, and each
// language's strings in that language. The screen walk (test/e2e/screen-walk.test.ts) checks the screens.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entitiesEn, entitiesVi, errorsEn, errorsVi, fieldsEn, fieldsVi } from '../../shared/i18n/messages';
import '../../shared/i18n/gs1';
import '../../shared/i18n/imports';
import '../../shared/i18n/labels';
import '../../shared/i18n/publish';
import '../../shared/i18n/safety';
import '../../shared/i18n/sync';
import '../../shared/i18n/trust';
import { KIND_WORDS, STATE_WORDS } from '../../shared/i18n/records';
import { traceWords } from '../../shared/i18n/trace';
import { UNITS } from '../../shared/domain/units';

const ROOT = path.resolve(__dirname, '..', '..');
type Words = { [key: string]: unknown };

/** [key, text] for every string in a nested dictionary. */
function strings(dict: Words, prefix: string): [string, string][] {
  return Object.entries(dict).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string'
      ? [[`${prefix}.${k}`, v]]
      : v && typeof v === 'object'
        ? strings(v as Words, `${prefix}.${k}`)
        : [],
  );
}

async function dictionaries(lang: 'vi' | 'en'): Promise<[string, string][]> {
  const dir = path.join(ROOT, 'renderer', 'src', 'i18n');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  const ui = await Promise.all(
    files.map(async (f) => strings((await import(path.join(dir, f)))[lang] as Words, f.replace(/\.ts$/, ''))),
  );
  const shared = lang === 'vi' ? [errorsVi, fieldsVi, entitiesVi] : [errorsEn, fieldsEn, entitiesEn];
  return [
    ...ui.flat(),
    ...shared.flatMap((d, i) => strings(d, `shared.${['errors', 'fields', 'entities'][i]}`)),
    ...strings(STATE_WORDS[lang], 'shared.state'),
    ...strings(KIND_WORDS[lang], 'shared.kind'),
    ...strings(traceWords[lang], 'shared.trace'),
    ...UNITS.map((u): [string, string] => [`unit.${u.code}`, u[lang]]),
  ];
}

/** Vietnamese variants the glossary replaces, with the word to use instead. */
const FORBIDDEN_VI: [RegExp, string][] = [
  [/phong t[ỏo]ả?/iu, 'tạm giữ (a hold), bỏ tạm giữ (lifting it)'],
  [/huỷ bỏ|hủy bỏ/iu, 'tiêu huỷ (destroyed) or Huỷ (cancel)'],
  [/chọn thời điểm/iu, 'Chọn ngày / ngày/tháng/năm'],
  [/\bNCC\b/u, 'nhà cung cấp'],
  [/nhập kho|xuất kho/iu, 'nhập hàng / xuất hàng'],
  // The new-style tone placement in an open oa/oe/uy syllable (hủy, hóa, khỏe, tùy): the app writes huỷ, hoá, khoẻ, tuỳ.
  [/[òóỏõọ][ae](?![\p{L}])|[ùúủũụ]y(?![\p{L}])/iu, 'the traditional spelling: huỷ, hoá, khoẻ, tuỳ, xoá'],
];

/** English words the glossary replaces. */
const FORBIDDEN_EN: [RegExp, string][] = [
  [/\bsticker/i, 'label'],
  [/\bdispatch/i, 'shipment'],
  [/\bwithdrawal/i, 'recall'],
  [/\bformula\b(?! without)/i, 'recipe'],
];

const VIETNAMESE_LETTER = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;
/** Names that are Vietnamese in every language. */
const NAMES = /Nguồn Gốc|Tiếng Việt|Hà Nội/gu;

function offending(entries: [string, string][], rules: [RegExp, string][]): string[] {
  return entries.flatMap(([key, text]) =>
    rules.filter(([re]) => re.test(text)).map(([re, use]) => `${key}: "${text}" matches ${re} — use ${use}`),
  );
}

describe('glossary (docs/glossary.md)', () => {
  it('Vietnamese dictionaries use one word per concept and one spelling', async () => {
    const vi = await dictionaries('vi');
    expect(vi.length).toBeGreaterThan(900);
    expect(offending(vi, FORBIDDEN_VI)).toEqual([]);
  });

  it('English dictionaries use the glossary words and no Vietnamese', async () => {
    const en = await dictionaries('en');
    expect(en.length).toBeGreaterThan(900);
    expect(offending(en, FORBIDDEN_EN)).toEqual([]);
    const vietnamese = en.filter(([, text]) => VIETNAMESE_LETTER.test(text.replace(NAMES, '')));
    expect(vietnamese.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('every English word a count comes with has its singular beside the plural', async () => {
    const en = new Map(await dictionaries('en'));
    const missing = [...en].filter(
      ([key, text]) => /(?<!than )\{\{count\}\} \w+s\b/.test(text) && !key.endsWith('_one') && !en.has(`${key}_one`),
    );
    expect(missing.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('no screen, printout or command-line text outside the dictionaries uses a replaced variant', () => {
    // Place names keep their official spelling; migrations are history.
    const skip = /provinces\.ts$|migrations|portal-sim/;
    const files = ['renderer/src', 'shared', 'main'].flatMap((d) =>
      fs
        .readdirSync(path.join(ROOT, d), { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.tsx?$/.test(f) && !skip.test(f))
        .map((f) => path.join(d, f)),
    );
    const found = files.flatMap((f) => {
      const lines = fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n');
      return lines.flatMap((line, i) =>
        FORBIDDEN_VI.filter(([re]) => re.test(line)).map(([re]) => `${f}:${i + 1} ${re}: ${line.trim()}`),
      );
    });
    expect(files.length).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });
});
