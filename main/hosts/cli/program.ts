// The command line: `nguongoc <command>`. Thin: commands parse arguments, call the core, print.
// Exit codes: 0 ok, 1 domain error (bad data, not found…), 2 usage error (wrong arguments).
import { Command, CommanderError, Option } from 'commander';
import { AppError } from '../../../shared/api/errors';
import { parseLang, type Lang } from '../../../shared/i18n/messages';
import { openCore, type Core } from '../../core';
import { resolveDbPath } from '../../paths';
import { APP_VERSION } from '../../version';
import { cliLanguage, localizeCommanderError, localizeCommandTree, localizeProgram } from './language';

export type CliIO = {
  out: (s: string) => void;
  err: (s: string) => void;
  readStdin: () => Promise<string>;
};

export const EXIT_OK = 0;
export const EXIT_DOMAIN = 1;
export const EXIT_USAGE = 2;

/** Thrown by commands to end with a code without printing anything more. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

export class UsageError extends Error {}

export type GlobalOpts = { db?: string; lang?: string; json?: boolean };

export type CliEnv = {
  io: CliIO;
  lang(opts?: GlobalOpts): Lang;
  /** Opens the core for a command, runs fn, closes it (also on error). */
  withCore<T>(opts: GlobalOpts, fn: (core: Core) => Promise<T> | T, openOpts?: { mustExist?: boolean }): Promise<T>;
  /** Prints data: JSON when --json (or always for api), otherwise the human text. */
  print(opts: GlobalOpts, data: unknown, human?: () => string): void;
};

/** Each feature adds its commands through one of these (see ./index.ts). */
export type CommandModule = (program: Command, env: CliEnv) => void;

/** Adds the options every data command accepts. */
export function dataCommand(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--db <file>',
        'tệp cơ sở dữ liệu (mặc định: NGUONGOC_DB hoặc thư mục dữ liệu người dùng) / database file (default: NGUONGOC_DB or the per-user app-data folder)',
      ),
    )
    .addOption(new Option('--lang <lang>', 'ngôn ngữ thông báo / message language').choices(['vi', 'en']))
    .option('--json', 'in kết quả dạng JSON / print JSON');
}

export function buildProgram(io: CliIO, modules: CommandModule[], lang: Lang = 'vi'): Command {
  const program = new Command();
  const env: CliEnv = {
    io,
    lang: (opts) => (opts?.lang ? parseLang(opts.lang) : lang),
    async withCore(opts, fn, openOpts) {
      const core = openCore({ dbPath: resolveDbPath(opts.db), host: 'cli', open: openOpts });
      try {
        return await fn(core);
      } finally {
        core.close();
      }
    },
    print(opts, data, human) {
      if (opts.json || !human) io.out(JSON.stringify(data, null, 2));
      else io.out(human());
    },
  };
  const output = {
    writeOut: (s: string) => io.out(s.replace(/\n$/, '')),
    writeErr: (s: string) => io.err(s.replace(/\n$/, '')),
    outputError: (s: string, write: (s: string) => void) => write(localizeCommanderError(s, lang)),
  };
  localizeProgram(program, lang, APP_VERSION);
  program
    .name('nguongoc')
    .description(
      'Nguồn Gốc — sổ truy xuất nguồn gốc cho doanh nghiệp nhỏ / Nguồn Gốc — traceability records for small food businesses',
    )
    .showHelpAfterError()
    .configureOutput(output)
    .exitOverride();
  for (const mod of modules) mod(program, env);
  // Subcommands inherit the override so a usage error anywhere throws instead of exiting.
  const applyOverride = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput(output);
    cmd.commands.forEach(applyOverride);
  };
  program.commands.forEach(applyOverride);
  localizeCommandTree(program, lang);
  return program;
}

/** Runs the CLI and returns the exit code; never calls process.exit itself (the entry point does). */
export async function runCli(argv: string[], io: CliIO, modules: CommandModule[]): Promise<number> {
  const lang = cliLanguage(argv);
  const program = buildProgram(io, modules, lang);
  if (argv.length === 0) {
    io.out(program.helpInformation());
    return EXIT_OK;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CliExit) return err.exitCode;
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
        return EXIT_OK;
      return EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      io.err(err.message);
      return EXIT_USAGE;
    }
    if (err instanceof AppError) {
      const body = err.toBody(lang);
      io.err(`${lang === 'en' ? 'Error' : 'Lỗi'} [${body.code}]: ${body.message}`);
      if (body.fields && body.fields.length > 1)
        for (const f of body.fields.slice(1)) io.err(`  - ${f.path}: ${f.message}`);
      if (argv.includes('--json')) io.out(JSON.stringify({ ok: false, error: body }, null, 2));
      return EXIT_DOMAIN;
    }
    io.err(
      `${lang === 'en' ? 'Unexpected error' : 'Lỗi bất ngờ'}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return EXIT_DOMAIN;
  }
}
