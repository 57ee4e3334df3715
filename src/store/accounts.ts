/**
 * The people who use a served archive: users and their roles, API tokens, sign-in sessions, failed
 * sign-ins, and the audit log of who changed what — the part of the Store contract the watch desk's
 * accounts (src/watch/accounts/) and `wirewatch users` / `tokens` / `audit` use. Both stores run the
 * same SQL (account-registry.ts).
 *
 * The store keeps only what cannot be turned back into a secret: password hashes (argon2id), a
 * token's SHA-256 and its public prefix, a session cookie's SHA-256. Hashing and checking are the
 * accounts module's; the store records what it is told, and every change that is audited is written
 * in one transaction with its audit entry.
 */

/** What a user may do: admin (users, sources, settings), analyst (saved searches, notes), viewer (read). */
export type Role = 'admin' | 'analyst' | 'viewer';
export const roles: readonly Role[] = ['admin', 'analyst', 'viewer'];

/** What an API token may do: read, write (an analyst's changes), admin (an admin's). */
export type TokenScope = 'read' | 'write' | 'admin';
export const tokenScopes: readonly TokenScope[] = ['read', 'write', 'admin'];

/** A user as shown (never the password hash). Times are ISO 8601 in UTC. */
export interface User {
  id: number;
  name: string;
  role: Role;
  /** Set for a password someone else chose (a new user's, a reset): the user must change it on sign-in. */
  mustChangePassword: boolean;
  createdAt: string;
  passwordChangedAt: string;
  /** When the user was disabled; a disabled user cannot sign in and their tokens are refused. */
  disabledAt: string | null;
  /** Where their daily digest is mailed; null: not mailed. */
  email: string | null;
}

/** A user with the stored password hash, for checking a sign-in. */
export interface UserWithPassword extends User {
  passwordHash: string;
}

/** Who did something, for the audit log: a user's name, or `cli:<login>` for the command line. */
export type Actor = string;

export interface NewUser {
  name: string;
  role: Role;
  passwordHash: string;
  mustChangePassword: boolean;
}

/** An API token as listed (never its secret). */
export interface ApiToken {
  id: number;
  userId: number;
  userName: string;
  label: string;
  /** The token's public start (`ww_` and 8 characters): how a list and a log name it. */
  prefix: string;
  scopes: TokenScope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A token with its stored hash and its owner's state, for checking a request. */
export interface ApiTokenWithSecret extends ApiToken {
  secretHash: string;
  userRole: Role;
  userDisabledAt: string | null;
}

export interface NewApiToken {
  userId: number;
  label: string;
  prefix: string;
  secretHash: string;
  scopes: TokenScope[];
  expiresAt: string | null;
}

/** A signed-in browser. */
export interface Session {
  /** SHA-256 of the cookie's secret (the cookie itself is never stored). */
  idHash: string;
  userId: number;
  /** The form token every state-changing form of this session must carry. */
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** One audited change. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: Actor;
  /** What was done, dotted: `user.add`, `token.create`, `token.revoke`, `source.add`, `setting.change`… */
  action: string;
  /** What it was done to: a user's name, a token's prefix, a feed URL… */
  target: string;
  /** More, as short text (a role, scopes), or null. */
  detail: string | null;
}

/** A user's live sign-ins: how many sessions are open, the newest one's start, the latest use of any. */
export interface SignInActivity {
  userId: number;
  sessions: number;
  lastSignInAt: string;
  lastSeenAt: string;
}

/** The audit entry to write with a change (its time is the change's). */
export interface AuditNote {
  actor: Actor;
  action: string;
  target: string;
  detail?: string | null;
}

/** Which page of the audit log: `limit` entries (100 by default, 1,000 at most) after `offset`. */
export interface AuditQuery {
  limit?: number;
  offset?: number;
  /** Only this action (`user.add`…). */
  action?: string;
  /** Only this actor's (`ana`, `cli:root`…). */
  actor?: string;
}

export interface AccountStore {
  countUsers(): Promise<number>;
  /** Adds a user and audits it; USER_EXISTS when the name is taken. */
  addUser(user: NewUser, audit: AuditNote, now?: Date): Promise<User>;
  listUsers(): Promise<User[]>;
  getUser(id: number): Promise<User | null>;
  /** The user of this exact name, with the hash, for a sign-in. */
  findUserByName(name: string): Promise<UserWithPassword | null>;
  /** New password hash; signs the user out everywhere (their sessions end). */
  setPassword(
    userId: number,
    passwordHash: string,
    mustChange: boolean,
    audit: AuditNote,
    now?: Date,
  ): Promise<void>;
  setRole(userId: number, role: Role, audit: AuditNote): Promise<void>;
  setEmail(userId: number, email: string | null, audit: AuditNote): Promise<void>;
  /** Disables a user: their sessions end and their tokens are revoked, in one transaction. */
  disableUser(userId: number, audit: AuditNote, now?: Date): Promise<void>;
  enableUser(userId: number, audit: AuditNote): Promise<void>;

  addToken(token: NewApiToken, audit: AuditNote, now?: Date): Promise<ApiToken>;
  /** Every token, or one user's; newest first. */
  listTokens(userId?: number): Promise<ApiToken[]>;
  /** The token with this prefix, its hash and its owner's state. */
  findToken(prefix: string): Promise<ApiTokenWithSecret | null>;
  /** Revokes a token (already revoked: false). */
  revokeToken(id: number, audit: AuditNote, now?: Date): Promise<boolean>;
  /** Records a use; written at most once a minute per token, so reads do not become writes. */
  touchToken(id: number, now?: Date): Promise<void>;

  addSession(session: Session): Promise<void>;
  findSession(idHash: string): Promise<Session | null>;
  /** Moves a session's last-seen and expiry on (at most once a minute). */
  touchSession(idHash: string, expiresAt: string, now?: Date): Promise<void>;
  endSession(idHash: string): Promise<void>;
  /** Ends every session of a user (sign out everywhere); how many ended. */
  endSessions(userId: number, audit: AuditNote): Promise<number>;
  /**
   * Each user with a session that is still stored (a signed-out or ended session is gone, so the
   * last sign-in is known only while one of its sessions lives).
   */
  signInActivity(): Promise<SignInActivity[]>;

  /** Counts a failed sign-in for a name (existing or not); gives the count so far and the latest time. */
  recordSignInFailure(nameKey: string, now?: Date): Promise<{ failures: number; lastFailedAt: string }>;
  /** The failures of a name, or null when none are counted. */
  signInFailures(nameKey: string): Promise<{ failures: number; lastFailedAt: string } | null>;
  clearSignInFailures(nameKey: string): Promise<void>;

  /** Writes an audit entry on its own (for changes recorded elsewhere). */
  audit(note: AuditNote, now?: Date): Promise<void>;
  /** The audit log, newest first; only one action's or one actor's entries when asked. */
  listAudit(options?: AuditQuery): Promise<AuditEntry[]>;
}
