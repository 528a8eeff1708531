import type { Migration } from './index';

// Each recipe version carries its own mass-balance tolerance (percent of the expected output, in
// thousandths). Versions made before keep NULL, read as the default of 5 %.
export const m010_recipe_tolerance: Migration = {
  version: 10,
  name: 'recipe tolerance',
  sql: `ALTER TABLE recipe_versions ADD COLUMN tolerance_pct_milli INTEGER;`,
};
