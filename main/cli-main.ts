// The `nguongoc` command itself (bundled to dist/cli-main.js, loaded by dist/cli.js).
import { runCli } from './hosts/cli/program';
import { commandModules } from './hosts/cli';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

runCli(
  process.argv.slice(2),
  { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n'), readStdin },
  commandModules,
).then((code) => {
  process.exitCode = code;
});
