// Prints the last line CI reads: "N passed, N failed", summed over the runs given as
// `<vitest JSON report>:<exit status>`; a step without a report (install, a missing tool) is `<name>:<status>`.
// Exits non-zero when anything failed.
import fs from 'node:fs';

let passed = 0;
let failed = 0;
for (const arg of process.argv.slice(2)) {
  const at = arg.lastIndexOf(':');
  const [file, status] = [arg.slice(0, at), arg.slice(at + 1)];
  let p = 0;
  let f = 0;
  if (file.endsWith('.json')) {
    try {
      const r = JSON.parse(fs.readFileSync(file, 'utf8'));
      p = r.numPassedTests ?? 0;
      f = (r.numFailedTests ?? 0) + (r.numRuntimeErrorTests ?? 0);
      if (f === 0 && r.success === false) f = 1;
    } catch {
      // No report: lint, type-check or build failed before the tests ran.
      f = 1;
    }
  }
  if (f === 0 && status !== '0') f = 1;
  console.log(`  ${file}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
