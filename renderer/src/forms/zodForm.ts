// Forms validate on the client with the SAME zod schemas the core uses (shared/api), showing the same
// words next to each field; whatever only the server can know (a duplicate GTIN) comes back as
// `error.fields[].path` and is put next to its field too.
import type { FormInstance, FormRule } from 'antd';
import type { z } from 'zod';
import type { ApiError } from '../api/client';
import { codeMessage } from '../i18n';
import { issueToField } from '../../../shared/api/zod-issues';

export type FieldProblem = { path: string; code: string; params: Record<string, string | number> };

/** zod issue → our message code, with the same mapping as the API boundary (shared/api/zod-issues.ts). */
export function issueToProblem(issue: z.core.$ZodIssue): FieldProblem {
  const f = issueToField(issue);
  return { path: issue.path.map(String).join('.'), code: f.code, params: f.params ?? {} };
}

/** Form values → API input: blank text becomes null (the API's "not given"), text is kept as typed. */
export function blankToNull<T extends Record<string, unknown>>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values))
    out[k] = v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v;
  return out as T;
}

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** An antd rule that checks one field with its zod schema from shared/ (same codes, same words). */
export function zodRule(schema: AnyObject, field: string): FormRule {
  const fieldSchema = schema.shape[field] as z.ZodType | undefined;
  return {
    validator: async (_rule, value: unknown) => {
      if (!fieldSchema) return;
      const v = value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value;
      // Required text fails on null as a type error; give it an empty string to get REQUIRED.
      const r = fieldSchema.safeParse(v === null && !fieldSchema.safeParse(null).success ? '' : v);
      if (!r.success) {
        const p = issueToProblem(r.error.issues[0]);
        throw new Error(codeMessage(p.code, p.params));
      }
    },
  };
}

/** Rules for every field of a form that the schema knows, keyed by field name. */
export function zodRules(schema: AnyObject): Record<string, FormRule[]> {
  const out: Record<string, FormRule[]> = {};
  for (const key of Object.keys(schema.shape)) out[key] = [zodRule(schema, key)];
  return out;
}

/**
 * Puts the server's field errors next to their fields. Returns false when the error had no field the
 * form shows, so the caller shows the message another way.
 */
export function applyServerErrors(form: FormInstance, err: ApiError): boolean {
  if (!err.fields.length) return false;
  const known = err.fields.filter(
    (f) =>
      form.getFieldInstance(f.path.split('.')) !== undefined ||
      form.getFieldValue(f.path.split('.')) !== undefined ||
      isRegistered(form, f.path),
  );
  if (!known.length) return false;
  form.setFields(known.map((f) => ({ name: f.path.split('.'), errors: [f.message] })));
  form.scrollToField(known[0].path.split('.'), { block: 'center' });
  return known.length === err.fields.length;
}

function isRegistered(form: FormInstance, path: string): boolean {
  return form.getFieldsError().some((e) => e.name.join('.') === path);
}
