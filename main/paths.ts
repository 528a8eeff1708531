// Where the data lives. The same rule on every platform so the CLI and the desktop app open the same
// file by default: --db PATH, else NGUONGOC_DB, else <per-user app-data>/Nguon Goc/nguongoc.db.
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'Nguon Goc';

export function appDataRoot(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'win32') return env.APPDATA || path.join(os.homedir(), 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
}

export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const join = platform === 'win32' ? path.win32.join : path.join;
  return join(appDataRoot(env, platform), APP_FOLDER);
}

export function resolveDbPath(
  cliValue?: string,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (cliValue) return path.resolve(cliValue);
  if (env.NGUONGOC_DB) return path.resolve(env.NGUONGOC_DB);
  const join = platform === 'win32' ? path.win32.join : path.join;
  return join(appDataDir(env, platform), 'nguongoc.db');
}

/** Folder of bundled resources (fonts, templates, demo data), found both from source and from dist/. */
export function resourcesDir(): string {
  if (process.env.NGUONGOC_RESOURCES) return process.env.NGUONGOC_RESOURCES;
  // dist/*.js and main/*.ts both sit one level below the project root; electron-builder copies
  // resources/ next to app.asar (extraResources), which the Electron shell passes in the env var above.
  return path.resolve(__dirname, '..', 'resources');
}
