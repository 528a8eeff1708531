// What every benchmark script shares: its `--name value` options and a line describing the machine, since
// figures on a shared 2-core machine mean little without its load.
import os from 'node:os';

const args = process.argv.slice(2);

/** The value after `--name` on the command line, or `def`. */
export function opt(name, def) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
}

/** Whether the bare flag `--name` is on the command line. */
export function flag(name) {
  return args.includes(name);
}

/** "machine: 2 cores, load average 1.2 0.9 0.7" */
export function machineLine() {
  const load = os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  return `machine: ${os.cpus().length} cores, load average ${load}`;
}
