/**
 * What an admin does to accounts, for the command line now and the desk's admin pages later: add a
 * user (with a one-time password), reset a password, change a role, disable and enable, sign a user
 * out everywhere, make and revoke API tokens. Each change is audited by the store in the same
 * transaction. The rules that are policy live here: user names, which scopes a role may give its
 * tokens, and that the last working admin cannot be demoted or disabled.
 */
import { AppError } from '../../core/errors.ts';
import {
  type Actor,
  type ApiToken,
  type Role,
  roles,
  type TokenScope,
  tokenScopes,
  type User,
} from '../../store/accounts.ts';
import type { Store } from '../../store/store.ts';
import { mintToken } from './api-tokens.ts';
import { hashPassword, makePassword } from './passwords.ts';

const userName = /^[a-z][a-z0-9._-]{0,63}$/;

/** USER_INVALID unless `name` is a user name: lower-case letter first, then letters, digits, . _ - (64 at most). */
export function checkUserName(name: string): void {
  if (!userName.test(name))
    throw new AppError(
      'USER_INVALID',
      `"${name.slice(0, 80)}" is not a user name: use a lower-case letter, then lower-case letters, digits, ".", "_" or "-" (64 at most)`,
    );
}

export function parseRole(value: string): Role {
  if (!(roles as readonly string[]).includes(value))
    throw new AppError('USER_INVALID', `"${value}" is not a role: use ${roles.join(', ')}`);
  return value as Role;
}

/** The scopes a role may give its tokens: a token never does more than its owner. */
export const scopesOfRole: Record<Role, readonly TokenScope[]> = {
  viewer: ['read'],
  analyst: ['read', 'write'],
  admin: ['read', 'write', 'admin'],
};

/** Scopes from "read,write" (each known, none repeated). */
export function parseScopes(value: string): TokenScope[] {
  const scopes = value
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '');
  if (scopes.length === 0)
    throw new AppError('TOKEN_INVALID', 'name at least one scope: read, write or admin');
  for (const scope of scopes)
    if (!(tokenScopes as readonly string[]).includes(scope))
      throw new AppError('TOKEN_INVALID', `"${scope}" is not a scope: use read, write or admin`);
  return [...new Set(scopes)] as TokenScope[];
}

export async function findUser(store: Store, name: string): Promise<User> {
  const user = await store.accounts.findUserByName(name);
  if (user === null) throw new AppError('USER_NOT_FOUND', `no user called ${name}`);
  const { passwordHash: _hash, ...shown } = user;
  return shown;
}

/** A new user and the password to hand them: the one given, or a one-time one they must change. */
export async function addUser(
  store: Store,
  input: { name: string; role: Role; password?: string },
  actor: Actor,
): Promise<{ user: User; oneTimePassword: string | null }> {
  checkUserName(input.name);
  const oneTimePassword = input.password === undefined ? makePassword() : null;
  const passwordHash = await hashPassword(input.password ?? oneTimePassword!);
  const user = await store.accounts.addUser(
    { name: input.name, role: input.role, passwordHash, mustChangePassword: oneTimePassword !== null },
    { actor, action: 'user.add', target: input.name, detail: `role ${input.role}` },
  );
  return { user, oneTimePassword };
}

/** A new one-time password for a user (signed out everywhere); they must change it at sign-in. */
export async function resetPassword(store: Store, name: string, actor: Actor): Promise<string> {
  const user = await findUser(store, name);
  const password = makePassword();
  await store.accounts.setPassword(user.id, await hashPassword(password), true, {
    actor,
    action: 'user.reset-password',
    target: name,
  });
  return password;
}

/** A user's own new password (after checking the old one elsewhere). */
export async function changePassword(store: Store, user: User, password: string): Promise<void> {
  await store.accounts.setPassword(user.id, await hashPassword(password), false, {
    actor: user.name,
    action: 'user.change-password',
    target: user.name,
  });
}

export async function setRole(store: Store, name: string, role: Role, actor: Actor): Promise<User> {
  const user = await findUser(store, name);
  if (user.role === 'admin' && role !== 'admin') await keepAnAdmin(store, user, 'demote');
  await store.accounts.setRole(user.id, role, {
    actor,
    action: 'user.role',
    target: name,
    detail: `${user.role} → ${role}`,
  });
  return { ...user, role };
}

const emailShape = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,63}$/;

/** Where a user's daily digest goes (null: nowhere); USER_INVALID for what is not an address. */
export function checkEmail(email: string): void {
  if (!emailShape.test(email)) throw new AppError('USER_INVALID', `"${email.slice(0, 80)}" is not an e-mail address`);
}

export async function setEmail(
  store: Store,
  name: string,
  email: string | null,
  actor: Actor,
): Promise<User> {
  if (email !== null) checkEmail(email);
  const user = await findUser(store, name);
  await store.accounts.setEmail(user.id, email, {
    actor,
    action: 'user.email',
    target: name,
    detail: email ?? 'none',
  });
  return { ...user, email };
}

export async function disableUser(store: Store, name: string, actor: Actor): Promise<void> {
  const user = await findUser(store, name);
  if (user.role === 'admin') await keepAnAdmin(store, user, 'disable');
  await store.accounts.disableUser(user.id, { actor, action: 'user.disable', target: name });
}

export async function enableUser(store: Store, name: string, actor: Actor): Promise<void> {
  const user = await findUser(store, name);
  await store.accounts.enableUser(user.id, { actor, action: 'user.enable', target: name });
}

/** Ends every session of a user; how many there were. */
export async function signOutEverywhere(store: Store, name: string, actor: Actor): Promise<number> {
  const user = await findUser(store, name);
  return store.accounts.endSessions(user.id, { actor, action: 'user.sign-out-everywhere', target: name });
}

/** USER_LAST_ADMIN when `user` is the only admin who can still sign in. */
async function keepAnAdmin(store: Store, user: User, doing: string): Promise<void> {
  const admins = (await store.accounts.listUsers()).filter(
    (other) => other.role === 'admin' && other.disabledAt === null,
  );
  if (admins.length === 1 && admins[0]!.id === user.id)
    throw new AppError(
      'USER_LAST_ADMIN',
      `${user.name} is the only admin: add another admin before you ${doing} this one`,
    );
}

/**
 * A new API token for a user, with scopes their role allows; it lives until it expires (when given)
 * or is revoked. The token itself is in the answer only.
 */
export async function createToken(
  store: Store,
  input: { userName: string; scopes: TokenScope[]; label?: string; expiresAt?: Date | null },
  actor: Actor,
  now = new Date(),
): Promise<{ token: string; record: ApiToken }> {
  const user = await findUser(store, input.userName);
  if (user.disabledAt !== null)
    throw new AppError('TOKEN_INVALID', `${user.name} is disabled: enable the user before making a token`);
  const allowed = scopesOfRole[user.role];
  const beyond = input.scopes.filter((scope) => !allowed.includes(scope));
  if (beyond.length > 0)
    throw new AppError(
      'TOKEN_INVALID',
      `${user.name} is ${article(user.role)} ${user.role}: their tokens may have ${allowed.join(', ')}, not ${beyond.join(', ')}`,
    );
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
    throw new AppError('TOKEN_INVALID', 'the expiry must be in the future');
  const minted = mintToken();
  const label = (input.label ?? '').trim().slice(0, 200) || `token of ${user.name}`;
  const record = await store.accounts.addToken(
    {
      userId: user.id,
      label,
      prefix: minted.prefix,
      secretHash: minted.secretHash,
      scopes: input.scopes,
      expiresAt: input.expiresAt ? input.expiresAt.toISOString() : null,
    },
    {
      actor,
      action: 'token.create',
      target: minted.prefix,
      detail: `${user.name}: ${input.scopes.join(', ')}`,
    },
    now,
  );
  return { token: minted.token, record };
}

/** Revokes a token named by its prefix (`ww_…`) or its number. */
export async function revokeToken(store: Store, which: string, actor: Actor): Promise<ApiToken> {
  const tokens = await store.accounts.listTokens();
  const token = tokens.find((candidate) => candidate.prefix === which || String(candidate.id) === which);
  if (token === undefined) throw new AppError('TOKEN_NOT_FOUND', `no token ${which}`);
  const revoked = await store.accounts.revokeToken(token.id, {
    actor,
    action: 'token.revoke',
    target: token.prefix,
    detail: token.userName,
  });
  if (!revoked) throw new AppError('TOKEN_INVALID', `token ${token.prefix} was already revoked`);
  return { ...token, revokedAt: new Date().toISOString() };
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
