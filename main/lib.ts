// Library entry for scripts (benchmarks, tools) that drive the core in-process: bundled to dist/lib.js.
export { openCore, Core } from './core';
export { startHttpHost } from './hosts/http';
export { openDatabase } from './store/db';
export { withCheckDigit } from '../shared/gs1/checkdigit';
