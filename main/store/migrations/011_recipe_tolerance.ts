import type { Migration } from './index';

// Each recipe version may carry its own mass-balance tolerance (percent of the expected output, in
// thousandths); a version without a row uses the default of 5 %. A side table, not a new column, so the
// migration can run again on a file whose version number was set back (CREATE … IF NOT EXISTS).
export const m011_recipe_tolerance: Migration = {
  version: 11,
  name: 'recipe tolerance',
  sql: `
CREATE TABLE IF NOT EXISTS recipe_version_tolerance (
  recipe_version_id INTEGER PRIMARY KEY REFERENCES recipe_versions(id),
  tolerance_pct_milli INTEGER NOT NULL CHECK (tolerance_pct_milli >= 0)
) STRICT;
`,
};
