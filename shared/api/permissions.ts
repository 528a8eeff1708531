// Who may call what. Shared so the UI hides what a role cannot do, and the core refuses it.
// Rules, in order:
//  1. PUBLIC methods need no login (the login screen itself, language, app facts).
//  2. SELF methods: any signed-in user (log out, change own PIN).
//  3. RESTRICTED methods list their roles explicitly (owner-only things, the audit log…).
//  4. Otherwise a 'read' method is open to every role, and a 'write' method to owner and staff
//     (and to a trainer in the training database). An auditor never writes.
// Write methods must be named in STAFF_WRITES or match an owner-only rule; a test checks that every
// write method of the contract is classified, so a new method cannot slip through unnoticed.
import type { Access } from './method';
import type { Role } from './users';

export const PUBLIC_METHODS = new Set([
  'users.status',
  'users.setup',
  'users.login',
  'users.recover',
  'system.info',
  'settings.get',
]);
export const SELF_METHODS = new Set(['users.logout', 'users.me', 'users.changePin']);

const OWNER: Role[] = ['owner'];

/** Methods with an explicit role list (trainer rights in the training database are added by canCall). */
export const RESTRICTED: Record<string, Role[]> = {
  'business.update': OWNER,
  'settings.update': OWNER,
  'locations.create': OWNER,
  'locations.update': OWNER,
  'lots.createOpening': OWNER,
  'stock.rebuild': OWNER,
  'recall.start': OWNER,
  'recall.hold': OWNER,
  'recall.lift': OWNER,
  'recall.check': OWNER,
  'recall.export': OWNER,
  'users.list': OWNER,
  'users.create': OWNER,
  'users.update': OWNER,
  'users.setPin': OWNER,
  'users.newRecoveryCode': OWNER,
  'audit.list': ['owner', 'auditor'],
  'audit.facets': ['owner', 'auditor'],
  'audit.export': ['owner', 'auditor'],
  'backup.list': OWNER,
  'backup.check': OWNER,
  'backup.create': ['owner', 'staff'],
  'backup.download': OWNER,
  'backup.upload': OWNER,
  'backup.restore': OWNER,
  'imports.preview': OWNER,
  'imports.commit': OWNER,
  'workshop.tick': ['owner', 'staff', 'trainer'],
  'workshop.reset': ['owner', 'trainer'],
};

/** Owner-only writes by name: archiving anything, recipes, label templates, settings, portal, users. */
export const OWNER_ONLY_PATTERNS: RegExp[] = [
  /\.(archive|restore)$/,
  /^recipes\.(create|update)$/,
  /template/i,
  /^(portal|sync)\.[\w.]*(settings|config|credential|setup|connect)/i,
  /settings/i,
  /^users\./,
  // A printer profile names where bytes go (a host, a device): only the owner sets printers up.
  /^printers\./,
];

/** Write methods a staff member may call: receive, produce, ship, print, correct own mistakes. */
export const STAFF_WRITES = new Set([
  'receipts.create',
  'batches.record',
  'shipments.create',
  'lots.setStatus',
  'events.correct',
  'events.reverse',
  'products.create',
  'products.update',
  'partners.create',
  'partners.update',
  'drill.start',
  'drill.confirm',
  // Publishing writes files only, from records already kept: the consumer pages follow every recall at once.
  'publish.run',
  // Checks a lot before a label file is made; a held lot still needs the owner (checkUsable refuses staff).
  'labels.checkLot',
  // A carton label's SSCC: staff print carton labels; each number is audited and never reused.
  'labels.allocateSscc',
]);
/** Printing and sending to the portal are staff work too, whatever the label/sync modules name them. */
export const STAFF_WRITE_PATTERNS: RegExp[] = [
  /print/i,
  /^labels?\.(render|preview|record|reprint)/,
  /^sync\.(push|run|now|send|retry)/,
];

export type Classification =
  'public' | 'self' | 'restricted' | 'owner-only' | 'staff-write' | 'read' | 'unclassified-write';

export function classify(name: string, access: Access): Classification {
  if (PUBLIC_METHODS.has(name)) return 'public';
  if (SELF_METHODS.has(name)) return 'self';
  if (RESTRICTED[name]) return 'restricted';
  if (access === 'write' && STAFF_WRITES.has(name)) return 'staff-write';
  // Owner-only names win over the staff patterns: "printers.archive" is archiving, not printing.
  // The patterns are about changing things: reading templates or settings stays open (staff print with them).
  if (access === 'write' && OWNER_ONLY_PATTERNS.some((p) => p.test(name))) return 'owner-only';
  if (access === 'write' && STAFF_WRITE_PATTERNS.some((p) => p.test(name))) return 'staff-write';
  return access === 'read' ? 'read' : 'unclassified-write';
}

/** The roles allowed to call a method (in the real database). */
export function allowedRoles(name: string, access: Access): Role[] | 'public' {
  switch (classify(name, access)) {
    case 'public':
      return 'public';
    case 'self':
      return ['owner', 'staff', 'trainer', 'auditor'];
    case 'restricted':
      return RESTRICTED[name];
    case 'owner-only':
      return OWNER;
    case 'read':
      return ['owner', 'staff', 'trainer', 'auditor'];
    case 'staff-write':
    case 'unclassified-write':
      // Unclassified writes stay usable by staff at run time (other modules add methods while this
      // table is kept); the permissions test fails until they are classified here.
      return ['owner', 'staff'];
  }
}

export type PermissionDenial = 'FORBIDDEN_ROLE' | 'TRAINER_REAL_DB' | null;

/**
 * Whether a role may call a method. A trainer works like the owner inside the training database
 * (except managing users and restoring backups) and only reads in the real one.
 */
export function permissionDenial(name: string, access: Access, role: Role, workshop: boolean): PermissionDenial {
  const allowed = allowedRoles(name, access);
  if (allowed === 'public') return null;
  if (role === 'trainer') {
    if (allowed.includes('trainer')) return null;
    if (workshop) return /^users\.|^backup\.restore$/.test(name) ? 'FORBIDDEN_ROLE' : null;
    return access === 'write' ? 'TRAINER_REAL_DB' : 'FORBIDDEN_ROLE';
  }
  return allowed.includes(role) ? null : 'FORBIDDEN_ROLE';
}

/**
 * The parameters of a FORBIDDEN_ROLE / TRAINER_REAL_DB message: what was refused (the method, put in words
 * by shared/i18n/roles.ts) and who may do it. The core's refusal and the UI's disabled-button reason use it.
 */
export function refusalParams(name: string, access: Access): { action: string; roles: string } {
  const allowed = allowedRoles(name, access);
  return { action: name, roles: allowed === 'public' ? '' : allowed.join(',') };
}
