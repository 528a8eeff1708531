// Tests never touch the real user's data: the whole run (and every child process it starts) gets its own
// home and app-data folders, and the real app-data folder is watched for any change.
import fs from 'node:fs';
import path from 'node:path';
import { appDataDir } from '../../main/paths';

/** The variables through which a process finds the user's folders and the app's settings. */
const HOME_VARS = [
  'HOME',
  'USERPROFILE',
  'APPDATA',
  'LOCALAPPDATA',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'XDG_CACHE_HOME',
];
/** The app's own variables a developer's shell may carry; tests set the ones they need themselves. */
const APP_VARS = ['NGUONGOC_DB', 'NGUONGOC_TOKEN', 'NGUONGOC_NOW', 'NGUONGOC_LANG', 'NGUONGOC_KEY_FILE'];

export const REAL_APP_DATA_ENV = 'NGUONGOC_TEST_REAL_APP_DATA';

/** Every file under `dir` with its size and modification time; null when the folder does not exist. */
export function folderState(dir: string): Record<string, string> | null {
  if (!fs.existsSync(dir)) return null;
  const state: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const st = fs.lstatSync(file);
    state[path.relative(dir, file)] = entry.isDirectory() ? 'dir' : `${st.size}@${st.mtimeMs}`;
  }
  return state;
}

/** What changed between two states of a folder, in words for the test output; empty when nothing did. */
export function folderChanges(before: Record<string, string> | null, after: Record<string, string> | null): string[] {
  if (before === null && after === null) return [];
  if (before === null) return ['the folder was created', ...Object.keys(after ?? {}).map((f) => `+ ${f}`)];
  if (after === null) return ['the folder was removed'];
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((f) => before[f] !== after[f])
    .map((f) => `${f in after ? (f in before ? '~' : '+') : '-'} ${f}`);
}

/** Points every home/app-data variable of this process (and so of its children) into `root`. */
export function isolateUserFolders(root: string): void {
  for (const v of HOME_VARS) {
    const dir = path.join(root, v.toLowerCase());
    fs.mkdirSync(dir, { recursive: true });
    process.env[v] = dir;
  }
  for (const v of APP_VARS) delete process.env[v];
}

export function realAppDataDir(): string {
  return appDataDir();
}
