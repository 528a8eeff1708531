// Prints the last line CI reads: "N passed, N failed", from Vitest's JSON report.
import fs from 'node:fs';

const [file, status] = process.argv.slice(2);
let passed = 0;
let failed;
try {
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0) + (r.numRuntimeErrorTests ?? 0);
  if (failed === 0 && r.success === false) failed = 1;
} catch {
  // No report: lint, type-check or build failed before the tests ran.
  failed = 1;
}
if (failed === 0 && status && status !== '0') failed = 1;
console.log(`${passed} passed, ${failed} failed`);
