// How dates, numbers and CSV look for the reader's locale: a Vietnamese Excel reads dd/mm/yyyy, a comma as the
// decimal mark and `;` between CSV fields (the comma is taken); an English one keeps `,` and `.`.
import type { Lang } from '../../shared/i18n/messages';
import { csvCell } from './csv';

/** dd/mm/yyyy in Vietnamese (Decree 43/2017 writes dates day/month/year), yyyy-mm-dd in English. */
export function formatDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return lang === 'en' ? `${y}-${m}-${d}` : `${d}/${m}/${y}`;
}

/** The local date and time an event time carries (its own offset, +07:00), to the minute. */
export function formatDateTime(iso: string, lang: Lang): string {
  return `${formatDate(iso, lang)} ${iso.slice(11, 16)}`;
}

/** Excel number formats for real date cells. */
export const XLSX_DATE = { vi: 'dd/mm/yyyy', en: 'yyyy-mm-dd' } as const;
export const XLSX_DATETIME = { vi: 'dd/mm/yyyy hh:mm', en: 'yyyy-mm-dd hh:mm' } as const;

/**
 * A cell value for Excel: the local wall-clock time of an ISO date(-time) as a Date whose UTC fields are that
 * wall-clock time (Excel has no time zones: the sheet shows what the shop's clock showed).
 */
export function excelDate(iso: string | null): Date | null {
  if (!iso) return null;
  const [date, time = '00:00:00'] = [iso.slice(0, 10), iso.length > 10 ? iso.slice(11, 19) : undefined];
  return new Date(`${date}T${time}Z`);
}

export type CsvStyle = { sep: string; decimal: string };
export const csvStyle = (lang: Lang): CsvStyle =>
  lang === 'en' ? { sep: ',', decimal: '.' } : { sep: ';', decimal: ',' };

/** One CSV field: numbers with the locale's decimal mark; text as every CSV cell (formulas neutralised, quoted). */
export function csvField(v: string | number | null | undefined, style: CsvStyle): string {
  if (typeof v === 'number') return String(v).replace('.', style.decimal);
  return csvCell(v);
}

export const csvLine = (values: (string | number | null | undefined)[], style: CsvStyle) =>
  values.map((v) => csvField(v, style)).join(style.sep) + '\r\n';
