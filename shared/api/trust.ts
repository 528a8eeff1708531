// Issue #7's API modules joined, so the contract adds them in one line.
import { usersMethods } from './users';
import { auditMethods } from './audit';
import { backupMethods } from './backup';
import { importMethods } from './imports';
import { helpMethods, workshopMethods } from './workshop';

export const trustMethods = {
  ...usersMethods,
  ...auditMethods,
  ...backupMethods,
  ...importMethods,
  ...workshopMethods,
  ...helpMethods,
};
