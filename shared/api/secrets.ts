// Fields that carry a secret (PINs, recovery codes, portal passwords and tokens) are marked in the
// contract with `secret(...)`. What the app keeps about a call (the audit log, and so its exports and
// every backup) records that such a field was sent, never its value: `redactSecrets` is used wherever an
// audit entry's before/after is written, and the names it hides come from the contract, not from a list.
import { z } from 'zod';

const secretFields = z.registry<{ secret: true }>();

/** Marks a field schema as secret. */
export function secret<T extends z.ZodType>(schema: T): T {
  secretFields.add(schema, { secret: true });
  return schema;
}

/** What an audit entry shows instead of a secret value. */
export const REDACTED = '[đã ẩn]';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  valueType?: z.ZodType;
};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas a schema is made of (one level down), for walking the contract. */
function children(s: z.ZodType): z.ZodType[] {
  const d = defOf(s);
  const list = [d.innerType, d.in, d.out, d.element, d.left, d.right, d.valueType, ...(d.options ?? [])];
  return list.filter((x): x is z.ZodType => !!x);
}

/** True when the schema, or one it wraps (optional, default, pipe…), is marked secret. */
function isSecret(s: z.ZodType, depth = 0): boolean {
  if (secretFields.has(s)) return true;
  const d = defOf(s);
  if (depth > 10 || d.type === 'object') return false;
  return children(s).some((c) => isSecret(c, depth + 1));
}

/** The object shapes a schema can take (through optional, default, pipe, union…), for walking with a value. */
function shapesOf(s: z.ZodType, depth = 0): Record<string, z.ZodType>[] {
  const d = defOf(s);
  if (d.shape) return [d.shape];
  if (depth > 10 || d.type === 'array') return [];
  return children(s).flatMap((c) => shapesOf(c, depth + 1));
}

function elementOf(s: z.ZodType, depth = 0): z.ZodType[] {
  const d = defOf(s);
  if (d.type === 'array' && d.element) return [d.element];
  if (depth > 10 || d.shape) return [];
  return children(s).flatMap((c) => elementOf(c, depth + 1));
}

/**
 * A copy of `value` in which every field the schema marks secret reads REDACTED (an empty value stays
 * empty: "the secret was removed" is worth keeping). Fields the schema does not know are kept as they are.
 */
export function redactBySchema(schema: z.ZodType, value: unknown): unknown {
  if (Array.isArray(value)) {
    const elements = elementOf(schema);
    return elements.length ? value.map((v) => elements.reduce((acc, e) => redactBySchema(e, acc), v)) : value;
  }
  if (!value || typeof value !== 'object') return value;
  const shapes = shapesOf(schema);
  if (!shapes.length) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const fields = shapes.map((sh) => sh[k]).filter((f): f is z.ZodType => !!f);
    if (fields.some((f) => isSecret(f))) out[k] = v === '' || v === null || v === undefined ? v : REDACTED;
    else out[k] = fields.reduce((acc, f) => redactBySchema(f, acc), v);
  }
  return out;
}
