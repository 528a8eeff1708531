// Users and roles: first-run owner set-up, PIN login, quick user switch, owner PIN reset
// with a one-time recovery code, and the owner's user management.
import { z } from 'zod';
import { id, text } from './fields';
import { method } from './method';
import { secret } from './secrets';
import '../i18n/trust';

export const ROLES = ['owner', 'staff', 'trainer', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** A short PIN: 4 to 8 digits (typed on a shared PC or a phone keypad). */
export const pin = secret(z.string({ error: 'REQUIRED' }).regex(/^\d{4,8}$/, { error: 'PIN_FORMAT' }));
const role = z.enum(ROLES, { error: 'INVALID_CHOICE' });
const userName = text(60);

export type UserPublic = { id: number; name: string; role: Role };
export type User = UserPublic & { disabled: boolean; lockedUntil: string | null; createdAt: string; updatedAt: string };
/** Who is using the app now; `open` when no user is set up yet (a fresh install acts as the owner). */
export type Me = { userId: number | null; name: string; role: Role; open: boolean };
export type UsersStatus = { configured: boolean; users: UserPublic[]; me: Me | null; workshop: boolean };
export type LoginResult = { session: string; user: UserPublic; expiresAt: string };
export type SetupResult = LoginResult & { recoveryCode: string };

export const usersMethods = {
  /** Public: whether login is needed, the user tiles of the login screen, and who is signed in. */
  'users.status': method(z.object({}).strict(), 'read').returns<UsersStatus>(),
  /** Public, only while no user exists: creates the owner, returns the recovery code once. */
  'users.setup': method(z.object({ name: userName, pin }).strict(), 'write').returns<SetupResult>(),
  /** Public. 'read' because a wrong PIN must still be counted: the service writes its own transactions. */
  'users.login': method(
    z.object({ userId: id, pin: secret(z.string({ error: 'REQUIRED' }).max(20, { error: 'TOO_LONG' })) }).strict(),
    'read',
  ).returns<LoginResult>(),
  'users.logout': method(z.object({}).strict(), 'write').returns<{ ok: true }>(),
  /** Public: the owner forgot the PIN; the recovery code sets a new one and is replaced by a new code. */
  'users.recover': method(
    z.object({ code: secret(z.string({ error: 'REQUIRED' }).max(40, { error: 'TOO_LONG' })), newPin: pin }).strict(),
    'read',
  ).returns<SetupResult>(),
  'users.me': method(z.object({}).strict(), 'read').returns<Me>(),
  'users.changePin': method(z.object({ oldPin: secret(z.string().max(20)), newPin: pin }).strict(), 'write').returns<{
    ok: true;
  }>(),
  'users.list': method(z.object({ includeDisabled: z.boolean().optional() }).strict(), 'read').returns<User[]>(),
  'users.create': method(z.object({ name: userName, role, pin }).strict(), 'write').returns<User>(),
  'users.update': method(
    z
      .object({
        id,
        name: userName.optional(),
        role: role.optional(),
        disabled: z.boolean({ error: 'INVALID_TYPE' }).optional(),
      })
      .strict(),
    'write',
  ).returns<User>(),
  /** The owner sets a new PIN for someone who forgot theirs (also clears a lockout). */
  'users.setPin': method(z.object({ id, pin }).strict(), 'write').returns<User>(),
  'users.newRecoveryCode': method(z.object({}).strict(), 'write').returns<{ recoveryCode: string }>(),
};
