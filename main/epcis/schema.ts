// Validation against the official EPCIS 2.0 JSON Schema (draft-07, ../shared/gs1/EPCIS-JSON-Schema.json), used
// on every document we export or send, and by the portal simulator on what it receives.
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { resourcesDir } from '../paths';

let validator: ((doc: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null } =
  null as never;

/** Finds the schema: NGUONGOC_GS1_DIR, resources/gs1 (packaged app), or a `shared/gs1` folder above the code. */
export function findGs1File(name: string): string {
  const candidates = [process.env.NGUONGOC_GS1_DIR, path.join(resourcesDir(), 'gs1')].filter(Boolean) as string[];
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'shared', 'gs1'));
    if (path.dirname(dir) === dir) break;
  }
  for (const c of candidates) if (fs.existsSync(path.join(c, name))) return path.join(c, name);
  throw new Error(`GS1 file ${name} not found (set NGUONGOC_GS1_DIR)`);
}

function compiled() {
  if (!validator) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    addFormats(ajv);
    validator = ajv.compile(
      JSON.parse(fs.readFileSync(findGs1File('EPCIS-JSON-Schema.json'), 'utf8')),
    ) as typeof validator;
  }
  return validator;
}

export type SchemaResult = { ok: true } | { ok: false; errors: string[] };

export function validateEpcis(doc: unknown): SchemaResult {
  const v = compiled();
  if (v(doc)) return { ok: true };
  return {
    ok: false,
    errors: (v.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim()),
  };
}
