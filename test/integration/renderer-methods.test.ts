// The methods of the app page (shared/api/renderer-methods.ts) are read from the renderer's own code,
// never kept by hand: a screen that starts calling a method must add it there, and a method no screen
// calls any more leaves the list (the hosts refuse it again).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../shared/api/contract';
import { isRendererMethod, RENDERER_METHODS } from '../../shared/api/renderer-methods';
import { rendererCalls } from '../helpers/renderer-calls';
import { ROOT } from '../helpers/dist';

describe('the methods of the app page', () => {
  // Type-checking the whole renderer takes a while on a small machine: one program for both checks.
  it('are exactly the methods the renderer code calls, each call site telling which', () => {
    const fixture = path.join(ROOT, 'test', 'fixtures', 'renderer-calls', 'calls.tsx');
    const found = rendererCalls(ROOT, [fixture]);
    expect(found.problems).toEqual([]);
    expect([...found.methods].sort()).toEqual([...RENDERER_METHODS].sort());
    // The reader itself: literals, unions and const maps are counted; casts that hide a name are reported
    // (what they claim is counted too, but the test fails on the report).
    expect([...found.extra.methods].sort()).toEqual([
      'labels.settings',
      'products.create',
      'products.list',
      'products.update',
      'recipes.archive',
      'recipes.restore',
      'stock.rebuild',
    ]);
    const lines = found.extra.problems.map((p) => Number(/:(\d+):/.exec(p)?.[1]));
    const source = fs.readFileSync(fixture, 'utf8').split('\n');
    expect(lines.map((l) => source[l - 1].trim())).toEqual([
      "const hidden = `${kind}.list` as 'products.list';",
      "const wide = 'labels.data' as MethodName;",
      "void api.call(wide as 'labels.settings', {});",
      'const raw = api.call as (m: string, input: unknown) => Promise<unknown>;',
    ]);
  }, 180_000);

  it('are methods of the contract, and docs/permissions.md names the others as command-line only', () => {
    expect(RENDERER_METHODS.filter((m) => !METHOD_NAMES.includes(m))).toEqual([]);
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'permissions.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Only from the command line'));
    const listed = [...section.matchAll(/`([a-zA-Z]+(?:\.[a-zA-Z]+)+)`/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual(METHOD_NAMES.filter((m) => !isRendererMethod(m)).sort());
  });
});
