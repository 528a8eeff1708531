// i18next for the UI words. Every file in this folder (except this one) exports `{ vi, en }` and becomes
// a namespace named after the file: `common.ts` → t('common:save'). A feature adds its words by adding
// a file here; nothing else to register. Error messages come translated from the API, and field names
// are shared with it (shared/i18n/messages.ts, see `fieldLabel`).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import { errorMessage, fieldName, parseLang, type Lang } from '../../../shared/i18n/messages';

type Words = { [key: string]: string | Words };

/**
 * A namespace's English words: the Vietnamese keys, plus a `key_one` beside any `key` whose English
 * has a singular (t('key', { count: 1 }) picks it; Vietnamese nouns have no plural).
 */
export type English<T> = { [K in keyof T]: T[K] extends string ? string : English<T[K]> } & {
  [plural: `${string}_one`]: string;
};
type NamespaceModule = { vi: Words; en: Words };

const modules = import.meta.glob<NamespaceModule>(['./*.ts', '!./index.ts'], { eager: true });

const resources: Record<Lang, Record<string, Words>> = { vi: {}, en: {} };
for (const [file, mod] of Object.entries(modules)) {
  const ns = file.replace(/^\.\//, '').replace(/\.ts$/, '');
  resources.vi[ns] = mod.vi;
  resources.en[ns] = mod.en;
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: 'vi',
  fallbackLng: 'vi',
  defaultNS: 'common',
  ns: Object.keys(resources.vi),
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  // A key with no words shows as the key itself: say so where the browser tests look (console errors).
  saveMissing: true,
  missingKeyHandler: (lngs, ns, key) => console.error(`i18n: no words for ${ns}:${key} (${lngs.join(', ')})`),
});
dayjs.locale('vi');

export function currentLang(): Lang {
  return parseLang(i18n.language);
}

export async function setLang(lang: Lang): Promise<void> {
  dayjs.locale(lang);
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

/** A form label for an API field, the same word the API uses in its error messages. */
export function fieldLabel(key: string, lang: Lang = currentLang()): string {
  return fieldName(key, lang);
}

/** A message for a validation code from a shared zod schema, in the current language. */
export function codeMessage(
  code: string,
  params: Record<string, string | number> = {},
  lang: Lang = currentLang(),
): string {
  return errorMessage(code, params, lang);
}
