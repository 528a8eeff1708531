import { describe, expect, it } from 'vitest';
import { makeCore } from '../helpers/core';

describe('migration 002', () => {
  it('creates the event store and document tables', () => {
    const core = makeCore();
    const names = (
      core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
    for (const t of [
      'lots',
      'lot_stock',
      'events',
      'event_lines',
      'receipts',
      'recipes',
      'recipe_versions',
      'recipe_lines',
      'batches',
      'shipments',
      'code_counters',
    ])
      expect(names).toContain(t);
    core.close();
  });
});
