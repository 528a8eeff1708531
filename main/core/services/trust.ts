// Issue #7's handlers joined, so main/core/index.ts adds them in one line.
import type { PartialHandlers } from '../core';
import { userHandlers } from './users';
import { auditHandlers } from './audit';
import { backupHandlers } from './backup';
import { importHandlers } from './imports';
import { helpHandlers, workshopHandlers } from './workshop';

export const trustHandlers: PartialHandlers = {
  ...userHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...importHandlers,
  ...workshopHandlers,
  ...helpHandlers,
};
