// Vitest global set-up: runs once in the main process before the test workers start, so the workers and
// every process they start inherit the temporary folders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { folderChanges, folderState, isolateUserFolders, REAL_APP_DATA_ENV, realAppDataDir } from './app-data';

export default function setup(): () => void {
  const real = realAppDataDir();
  const before = folderState(real);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nguongoc-home-'));
  isolateUserFolders(root);
  process.env[REAL_APP_DATA_ENV] = JSON.stringify({ dir: real, before });
  return () => {
    const changes = folderChanges(before, folderState(real));
    fs.rmSync(root, { recursive: true, force: true });
    if (changes.length)
      throw new Error(`The test run changed the real app-data folder ${real}:\n${changes.join('\n')}`);
  };
}
