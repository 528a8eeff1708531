// Turns zod issues into field errors whose codes are our message codes (see shared/api/fields.ts).
// Shared by the core (API boundary) and the renderer (form checks), so both say the same words.
import type { z } from 'zod';

export type RawFieldError = { path: string; code: string; params?: Record<string, string | number> };

const CODE_RE = /^[A-Z][A-Z0-9_]+$/;

export function zodIssuesToFields(issues: z.core.$ZodIssue[]): RawFieldError[] {
  return issues.map(issueToField);
}

export function issueToField(issue: z.core.$ZodIssue): RawFieldError {
  const path = issue.path.map(String).join('.') || 'input';
  const params: Record<string, string | number> = {};
  const i = issue as unknown as Record<string, unknown>;
  if (typeof i.maximum === 'number' || typeof i.maximum === 'bigint') params.max = Number(i.maximum);
  if (typeof i.minimum === 'number' || typeof i.minimum === 'bigint') params.min = Number(i.minimum);
  if (typeof i.expected === 'string') params.expected = i.expected;
  if (i.params && typeof i.params === 'object') Object.assign(params, i.params);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    return { path: path === 'input' ? key : `${path}.${key}`, code: 'UNKNOWN_FIELD', params: { key } };
  }
  if (issue.code === 'invalid_type' && i.input === undefined && !CODE_RE.test(issue.message))
    return { path, code: 'REQUIRED', params };
  if (CODE_RE.test(issue.message)) {
    // A missing required value fails as a type error carrying our REQUIRED code.
    if (issue.code === 'invalid_type' && i.input !== undefined && issue.message === 'REQUIRED')
      return { path, code: 'INVALID_TYPE', params };
    return { path, code: issue.message, params };
  }
  switch (issue.code) {
    case 'too_big':
      return { path, code: issue.origin === 'string' ? 'TOO_LONG' : 'TOO_BIG', params };
    case 'too_small':
      return {
        path,
        code: issue.origin === 'string' ? (params.min === 1 ? 'REQUIRED' : 'TOO_SHORT') : 'TOO_SMALL',
        params,
      };
    case 'invalid_type':
      return { path, code: 'INVALID_TYPE', params };
    case 'invalid_value':
      return { path, code: 'INVALID_CHOICE', params };
    default:
      return { path, code: 'INVALID', params };
  }
}
