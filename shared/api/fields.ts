// Reusable zod field schemas. Each failure carries a message that is an error code from
// shared/i18n/messages.ts; the API boundary turns codes into words in the user's language.
import { z } from 'zod';
import { gtinProblem, glnProblem } from '../gs1/checkdigit';
import { taxCodeProblem, normalizeTaxCode } from '../domain/taxcode';
import { isExactQuantity, QUANTITY_MAX } from '../domain/quantity';
import { hasBadChars, hasVisibleChar } from '../domain/text';
import { addYears, DATE_WINDOW, todayUtc } from '../domain/dates';
import '../i18n/safety';

/**
 * Required text: trimmed, not empty, at most `max` characters, with at least one visible character and
 * no NUL or broken (lone surrogate) character. Every required name and reason uses this one helper.
 */
export const text = (max: number) =>
  z
    .string({ error: 'REQUIRED' })
    .trim()
    .min(1, { error: 'REQUIRED', abort: true })
    .max(max, { error: 'TOO_LONG' })
    .refine((v) => !hasBadChars(v), { message: 'TEXT_BAD_CHARS', abort: true })
    .refine(hasVisibleChar, { message: 'TEXT_NOT_VISIBLE' });

/** Optional text: empty or missing becomes null; no NUL or broken character. */
export const optText = (max: number) =>
  z
    .string({ error: 'INVALID_TYPE' })
    .trim()
    .max(max, { error: 'TOO_LONG' })
    .refine((v) => !hasBadChars(v), { message: 'TEXT_BAD_CHARS' })
    .nullish()
    .transform((v) => (v && hasVisibleChar(v) ? v : null));

/**
 * Optional web address under which the business publishes its consumer pages (the trace address): `https://host`
 * or `https://host/folder`, `http://` allowed for a classroom LAN; a bare `host.vn` gets `https://`. Stored without
 * a trailing slash, so `{address}/01/{gtin14}/10/{lot}` is the lot's GS1 Digital Link.
 */
export const optTraceAddress = z
  .string({ error: 'INVALID_TYPE' })
  .trim()
  .max(200, { error: 'TOO_LONG' })
  .nullish()
  .transform((v) => {
    if (!v) return null;
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`;
    return withScheme.replace(/\/+$/, '');
  })
  .refine((v) => v === null || isTraceAddress(v), { message: 'TRACE_ADDRESS_FORMAT' });

function isTraceAddress(v: string): boolean {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return false;
  }
  return (
    (u.protocol === 'https:' || u.protocol === 'http:') &&
    !!u.hostname &&
    !u.username &&
    !u.password &&
    !u.search &&
    !u.hash &&
    !/\s/.test(v)
  );
}

export const id = z.number({ error: 'INVALID_TYPE' }).int({ error: 'NOT_INTEGER' }).positive({ error: 'NOT_POSITIVE' });

/** Optional GTIN-8/12/13/14 with its check digit; stored as typed (not padded). */
export const optGtin = z
  .string({ error: 'INVALID_TYPE' })
  .trim()
  .nullish()
  .transform((v) => (v ? v.replace(/\s/g, '') : null))
  .superRefine((v, ctx) => {
    if (!v) return;
    const p = gtinProblem(v);
    if (p)
      ctx.addIssue({
        code: 'custom',
        message: p.code,
        params: p.code === 'GTIN_CHECK_DIGIT' ? { expected: p.expected } : {},
      });
  });

export const optGln = z
  .string({ error: 'INVALID_TYPE' })
  .trim()
  .nullish()
  .transform((v) => (v ? v.replace(/\s/g, '') : null))
  .superRefine((v, ctx) => {
    if (!v) return;
    const p = glnProblem(v);
    if (p)
      ctx.addIssue({
        code: 'custom',
        message: p.code,
        params: p.code === 'GLN_CHECK_DIGIT' ? { expected: p.expected } : {},
      });
  });

function checkTaxCode(v: string | null, ctx: z.RefinementCtx) {
  if (!v) return;
  const p = taxCodeProblem(v);
  if (p)
    ctx.addIssue({
      code: 'custom',
      message: p.code,
      params: p.code === 'TAX_CODE_CHECK_DIGIT' ? { expected: p.expected } : {},
    });
}

export const taxCode = z
  .string({ error: 'REQUIRED' })
  .trim()
  .min(1, { error: 'REQUIRED' })
  .transform(normalizeTaxCode)
  .superRefine(checkTaxCode);

export const optTaxCode = z
  .string({ error: 'INVALID_TYPE' })
  .trim()
  .nullish()
  .transform((v) => (v ? normalizeTaxCode(v) : null))
  .superRefine(checkTaxCode);

export const optGs1Prefix = z
  .string({ error: 'INVALID_TYPE' })
  .trim()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || /^\d{6,12}$/.test(v), { message: 'GS1_PREFIX_FORMAT' });

export const optEmail = z
  .string({ error: 'INVALID_TYPE' })
  .trim()
  .max(200, { error: 'TOO_LONG' })
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(v), { message: 'EMAIL_FORMAT' });

/** Vietnamese phone numbers: 9–11 digits, optional +84, spaces, dots and dashes allowed. */
export const optPhone = z
  .string({ error: 'INVALID_TYPE' })
  .trim()
  .max(30, { error: 'TOO_LONG' })
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || (/^(\+?84|0)[\d\s.-]{8,13}$/.test(v) && v.replace(/\D/g, '').length >= 9), {
    message: 'PHONE_FORMAT',
  });

export const IMAGE_MAX_KB = 1024;
/** An image as a data URL (PNG/JPEG/WEBP), at most IMAGE_MAX_KB. */
export const optImage = z
  .string({ error: 'INVALID_TYPE' })
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/.test(v), {
    message: 'IMAGE_FORMAT',
  })
  .refine((v) => v === null || (v.length * 3) / 4 <= IMAGE_MAX_KB * 1024, {
    message: 'IMAGE_TOO_LARGE',
    params: { max: IMAGE_MAX_KB },
  });

/** A quantity: a finite number with at most 3 decimals, from 0 up to QUANTITY_MAX. */
export const quantity = z
  .number({ error: 'INVALID_TYPE' })
  .min(0, { error: 'NEGATIVE' })
  .max(QUANTITY_MAX, { error: 'TOO_BIG' })
  .refine(isExactQuantity, { message: 'TOO_MANY_DECIMALS' });

/** A quantity greater than zero. */
export const positiveQuantity = z
  .number({ error: 'INVALID_TYPE' })
  .positive({ error: 'NOT_POSITIVE' })
  .max(QUANTITY_MAX, { error: 'TOO_BIG' })
  .refine(isExactQuantity, { message: 'TOO_MANY_DECIMALS' });

export const optPositiveQuantity = positiveQuantity.nullish().transform((v) => v ?? null);

/** Calendar date as YYYY-MM-DD (a real date). */
export const isoDate = z
  .string({ error: 'DATE_FORMAT' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'DATE_FORMAT' })
  .refine(
    (v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    },
    { message: 'DATE_FORMAT' },
  );

/** A date within a window around today (DATE_WINDOW in shared/domain/dates.ts). */
const dateWithin = (yearsAhead: number) =>
  isoDate.superRefine((v, ctx) => {
    const max = addYears(todayUtc(), yearsAhead);
    if (v < DATE_WINDOW.min || v > max)
      ctx.addIssue({ code: 'custom', message: 'DATE_OUT_OF_RANGE', params: { min: DATE_WINDOW.min, max } });
  });

/** The day something happened (received, made, shipped): from 2000-01-01 to one year ahead. */
export const recordDate = dateWithin(DATE_WINDOW.recordYearsAhead);
/** An expiry or best-before date: from 2000-01-01 to twenty years ahead. */
export const expiryDate = dateWithin(DATE_WINDOW.expiryYearsAhead);

/** Common list query: search text, archived switch, sort and paging. */
export const listQuery = <S extends readonly [string, ...string[]]>(sortFields: S) =>
  z
    .object({
      search: z
        .string()
        .trim()
        .max(200, { error: 'TOO_LONG' })
        .refine((v) => !hasBadChars(v), { message: 'TEXT_BAD_CHARS' })
        .optional(),
      includeArchived: z.boolean({ error: 'INVALID_TYPE' }).optional(),
      sort: z.enum(sortFields, { error: 'INVALID_CHOICE' }).optional(),
      order: z.enum(['asc', 'desc'], { error: 'INVALID_CHOICE' }).optional(),
      limit: z
        .number({ error: 'INVALID_TYPE' })
        .int({ error: 'NOT_INTEGER' })
        .min(1, { error: 'TOO_SMALL' })
        .max(1000, { error: 'TOO_BIG' })
        .optional(),
      offset: z
        .number({ error: 'INVALID_TYPE' })
        .int({ error: 'NOT_INTEGER' })
        .min(0, { error: 'TOO_SMALL' })
        .optional(),
    })
    .strict();

export const byId = z.object({ id }).strict();

/** A page of a list; `total` is exact up to a cap (10,000), beyond which `totalCapped` is true. */
export type ListResult<T> = { items: T[]; total: number; totalCapped?: boolean };
