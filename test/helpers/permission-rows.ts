// The role table of docs/permissions.md, computed from shared/api/permissions.ts: one row per method.
import { api, METHOD_NAMES } from '../../shared/api/contract';
import { permissionDenial, PUBLIC_METHODS } from '../../shared/api/permissions';
import { ROLES } from '../../shared/api/users';

const mark = (ok: boolean) => (ok ? 'yes' : '—');

export function permissionRows(): string[] {
  return METHOD_NAMES.map((m) => {
    const access = api[m].access;
    const cells = ROLES.map((r) => mark(permissionDenial(m, access, r, false) === null));
    const training = mark(permissionDenial(m, access, 'trainer', true) === null);
    const none = mark(PUBLIC_METHODS.has(m));
    return `| \`${m}\` | ${access} | ${cells.join(' | ')} | ${training} | ${none} |`;
  });
}
