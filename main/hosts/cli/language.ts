// The CLI speaks one language at a time: help texts are written "Vietnamese / English" in the commands
// and one side is kept; commander's own words (titles, its help and version options, its error messages)
// are put into the same language. Vietnamese unless `--lang en`, NGUONGOC_LANG or the saved setting says
// English.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { Command, Help, type Argument, type Option } from 'commander';
import { parseLang, type Lang } from '../../../shared/i18n/messages';
import { resolveDbPath } from '../../paths';
import { settingValue } from '../../store/settings';

/** The value of `--name x` or `--name=x` in argv. */
export function argvValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** The language saved in the database's settings, when the file exists and can be read. */
function savedLanguage(dbFile: string): string | undefined {
  if (!fs.existsSync(dbFile)) return undefined;
  try {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      return settingValue(db, 'language') ?? undefined;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/** The message language of one CLI run. */
export function cliLanguage(argv: string[], env: NodeJS.ProcessEnv = process.env): Lang {
  const asked = argvValue(argv, '--lang') ?? env.NGUONGOC_LANG;
  if (asked) return parseLang(asked);
  return parseLang(savedLanguage(resolveDbPath(argvValue(argv, '--db'), env)) ?? 'vi');
}

/** One side of a "Vietnamese / English" text (texts without the separator are kept as they are). */
export function pickLanguage(text: string, lang: Lang): string {
  const at = text.indexOf(' / ');
  if (at < 0) return text;
  return lang === 'en' ? text.slice(at + 3) : text.slice(0, at);
}

const TITLES: Record<string, string> = {
  'Usage:': 'Cách dùng:',
  'Arguments:': 'Tham số:',
  'Options:': 'Tuỳ chọn:',
  'Global Options:': 'Tuỳ chọn chung:',
  'Commands:': 'Lệnh:',
};

class LocalizedHelp extends Help {
  constructor(private readonly lang: Lang) {
    super();
  }
  override styleTitle(str: string): string {
    return this.lang === 'vi' ? (TITLES[str] ?? str) : str;
  }
  override commandUsage(cmd: Command): string {
    return this.usageWords(super.commandUsage(cmd));
  }
  override subcommandTerm(cmd: Command): string {
    return this.usageWords(super.subcommandTerm(cmd));
  }
  private usageWords(text: string): string {
    return this.lang === 'vi' ? text.replace('[options]', '[tuỳ chọn]').replace('[command]', '[lệnh]') : text;
  }
  override optionDescription(option: Option): string {
    return this.extraWords(super.optionDescription(option));
  }
  override argumentDescription(argument: Argument): string {
    return this.extraWords(super.argumentDescription(argument));
  }
  /** commander's "(choices: …, default: …)" after a description. */
  private extraWords(text: string): string {
    if (this.lang === 'en') return text;
    return text.replace(/\b(choices|default): /g, (_m, w: string) => (w === 'choices' ? 'chọn: ' : 'mặc định: '));
  }
}

/** commander's error lines in Vietnamese; English is commander's own. */
const ERRORS: [RegExp, string][] = [
  [/^error: unknown command '(.*)'/, "lỗi: không có lệnh '$1'"],
  [/^error: unknown option '(.*)'/, "lỗi: không có tuỳ chọn '$1'"],
  [/^error: missing required argument '(.*)'/, "lỗi: thiếu tham số '$1'"],
  [/^error: option '(.*)' argument missing/, "lỗi: tuỳ chọn '$1' cần một giá trị"],
  [/^error: required option '(.*)' not specified/, "lỗi: cần tuỳ chọn '$1'"],
  [
    /^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\./,
    "lỗi: tuỳ chọn '$1' không nhận '$2'; chọn một trong: $3.",
  ],
  [/^error: option '(.*)' argument '(.*)' is invalid\./, "lỗi: tuỳ chọn '$1' không nhận '$2'."],
  [
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+): (.*)\./,
    'lỗi: thừa tham số ($4): lệnh nhận $2, đã có $3.',
  ],
  [/^error: (.*) cannot be used with (.*)/, 'lỗi: $1 không dùng cùng $2'],
  [/\(Did you mean one of (.*)\?\)/, '(Có phải ý bạn là một trong: $1?)'],
  [/\(Did you mean (.*)\?\)/, '(Có phải ý bạn là $1?)'],
];

export function localizeCommanderError(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return text
    .split('\n')
    .map((line) => ERRORS.reduce((l, [re, vi]) => l.replace(re, vi), line))
    .join('\n');
}

const HELP_TEXT = { vi: 'xem hướng dẫn', en: 'display help' };
const HELP_COMMAND = { vi: 'xem hướng dẫn của một lệnh', en: 'display help for a command' };
const VERSION_TEXT = { vi: 'in số phiên bản', en: 'print the version number' };

/** Sets the help and version words of the program before commands are added (subcommands inherit them). */
export function localizeProgram(program: Command, lang: Lang, version: string): void {
  program
    .version(version, '-v, --version', VERSION_TEXT[lang])
    .helpOption('-h, --help', HELP_TEXT[lang])
    .helpCommand('help [command]', HELP_COMMAND[lang]);
}

/** Keeps one language in every description of the tree, and gives each command the localized help. */
export function localizeCommandTree(cmd: Command, lang: Lang): void {
  cmd.description(pickLanguage(cmd.description(), lang));
  cmd.createHelp = () => Object.assign(new LocalizedHelp(lang), cmd.configureHelp());
  for (const o of cmd.options as Option[]) o.description = pickLanguage(o.description ?? '', lang);
  for (const a of cmd.registeredArguments as Argument[]) a.description = pickLanguage(a.description ?? '', lang);
  for (const sub of cmd.commands) localizeCommandTree(sub, lang);
}
