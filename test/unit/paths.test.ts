import { describe, expect, it } from 'vitest';
import { resolveDbPath } from '../../main/paths';

describe('database path rule', () => {
  it('uses %APPDATA%\\Nguon Goc\\nguongoc.db on Windows', () => {
    expect(resolveDbPath(undefined, { APPDATA: 'C:\\Users\\lan\\AppData\\Roaming' }, 'win32')).toBe(
      'C:\\Users\\lan\\AppData\\Roaming\\Nguon Goc\\nguongoc.db',
    );
  });
  it('uses the same folder rule on Linux (XDG config home)', () => {
    expect(resolveDbPath(undefined, { XDG_CONFIG_HOME: '/home/lan/.config' }, 'linux')).toBe(
      '/home/lan/.config/Nguon Goc/nguongoc.db',
    );
  });
  it('prefers --db, then NGUONGOC_DB', () => {
    expect(resolveDbPath('/tmp/a.db', { NGUONGOC_DB: '/tmp/b.db' }, 'linux')).toBe('/tmp/a.db');
    expect(resolveDbPath(undefined, { NGUONGOC_DB: '/tmp/b.db' }, 'linux')).toBe('/tmp/b.db');
  });
});
