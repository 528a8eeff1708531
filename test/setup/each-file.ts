// Runs in every test file: after the file's tests, the real app-data folder must be as it was, so the
// file that touched it fails by name.
import { afterAll, expect } from 'vitest';
import { folderChanges, folderState, REAL_APP_DATA_ENV } from './app-data';

const watched = process.env[REAL_APP_DATA_ENV];
if (!watched) throw new Error('test/setup/global.ts did not run: the tests would use the real app-data folder');
const { dir, before } = JSON.parse(watched) as { dir: string; before: Record<string, string> | null };

afterAll(() => {
  expect(folderChanges(before, folderState(dir)), `changes in the real app-data folder ${dir}`).toEqual([]);
});
