// The CLI speaks one language at a time: every help text in Vietnamese by default, all of it in English
// with --lang en, the saved setting or NGUONGOC_LANG; commander's own words follow.
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram } from '../../main/hosts/cli/program';
import { commandModules } from '../../main/hosts/cli';
import { cliLanguage, localizeCommanderError, pickLanguage } from '../../main/hosts/cli/language';
import { makeCore, tempDbPath } from '../helpers/core';

const io = { out: () => {}, err: () => {}, readStdin: async () => '' };
const VIETNAMESE = /[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]/i;
const COMMANDER_ENGLISH =
  /Usage:|Options:|Commands:|Arguments:|display help|output the version|\[options\]|\(default:|\(choices:/;

function allCommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}

function helpOf(lang: 'vi' | 'en'): string[] {
  return allCommands(buildProgram(io, commandModules, lang)).map((c) => c.helpInformation());
}

describe('CLI language', () => {
  it('has every command, option and argument text in both languages', () => {
    const vi = allCommands(buildProgram(io, commandModules, 'vi'));
    const en = allCommands(buildProgram(io, commandModules, 'en'));
    const same: string[] = [];
    vi.forEach((c, i) => {
      const e = en[i];
      if (c.description() === e.description()) same.push(`${c.name()}: ${c.description()}`);
      c.options.forEach((o, j) => o.description === e.options[j].description && same.push(`${c.name()} ${o.flags}`));
      c.registeredArguments.forEach(
        (a, j) => a.description === e.registeredArguments[j].description && same.push(`${c.name()} <${a.name()}>`),
      );
    });
    expect(same).toEqual([]);
  });

  it('shows every command help in Vietnamese only by default', () => {
    for (const help of helpOf('vi')) {
      expect(help).not.toMatch(COMMANDER_ENGLISH);
      expect(help).toMatch(/Cách dùng:/);
      expect(help).not.toContain(' / ');
    }
  });

  it('shows every command help in English only with --lang en', () => {
    for (const help of helpOf('en')) {
      expect(help).toMatch(/Usage:/);
      expect(help.replaceAll('Nguồn Gốc', ''), help).not.toMatch(VIETNAMESE);
      expect(help).not.toContain(' / ');
    }
  });

  it('puts commander errors into Vietnamese', () => {
    expect(localizeCommanderError("error: unknown command 'bogus'\n(Did you mean recall?)", 'vi')).toBe(
      "lỗi: không có lệnh 'bogus'\n(Có phải ý bạn là recall?)",
    );
    expect(localizeCommanderError("error: unknown option '--x'", 'en')).toBe("error: unknown option '--x'");
    expect(pickLanguage('tệp / file', 'en')).toBe('file');
  });

  it('takes the language from --lang, then NGUONGOC_LANG, then the saved setting', () => {
    const db = tempDbPath();
    const core = makeCore({ file: db });
    core.run('settings.update', { language: 'en' });
    core.close();
    expect(cliLanguage(['--help'], {})).toBe('vi');
    expect(cliLanguage(['lots', '--db', db], {})).toBe('en');
    expect(cliLanguage(['lots', '--db', db, '--lang', 'vi'], {})).toBe('vi');
    expect(cliLanguage([`--db=${db}`], { NGUONGOC_LANG: 'vi' })).toBe('vi');
    expect(cliLanguage(['--help'], { NGUONGOC_DB: db })).toBe('en');
  });
});
