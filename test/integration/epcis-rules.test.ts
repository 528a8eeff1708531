// Semantic rules beyond the schema (main/epcis/rules.ts) on the demo's export.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openCore } from '../../main/core';
import { buildDemo, demoClock } from '../../main/demo';
import { exportEpcisFile } from '../../main/exports/epcis';
import { validateEpcis } from '../../main/epcis/schema';
import { checkEpcisRules, summarise } from '../../main/epcis/rules';
import { tempDir } from '../helpers/core';

describe('EPCIS semantic rules', () => {
  it('the demo export passes the schema and every rule', async () => {
    const clock = demoClock();
    const core = openCore({ dbPath: ':memory:', host: 'test', clock, log: () => {} });
    buildDemo(core, clock, { seed: 7, endDate: '2026-11-29' });
    const file = path.join(tempDir(), 'demo.jsonld');
    await exportEpcisFile(core.db, {}, file, { creationDate: '2026-11-29T23:00:00+07:00' });
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(validateEpcis(doc)).toEqual({ ok: true });
    const v = checkEpcisRules(doc);
    console.log(summarise(v), v.slice(0, 5));
    expect(summarise(v)).toEqual({});
  });
});
