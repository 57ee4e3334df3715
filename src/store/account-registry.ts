/**
 * The AccountStore of both stores: one set of SQL run through the store's SqlRunner (see
 * subscription-registry.ts). An audited change and its audit entry are one transaction.
 */
import { AppError } from '../core/errors.ts';
import type {
  AccountStore,
  ApiToken,
  ApiTokenWithSecret,
  AuditEntry,
  AuditNote,
  AuditQuery,
  NewApiToken,
  NewUser,
  Role,
  Session,
  SignInActivity,
  TokenScope,
  User,
  UserWithPassword,
} from './accounts.ts';
import type { SqlRunner, SqlStep } from './subscription-registry.ts';

/** A use of a token or a session is written at most this often (reads should not all become writes). */
const touchEveryMs = 60_000;
const maxAuditPage = 1_000;

interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  must_change_password: number;
  created_at: string;
  password_changed_at: string;
  disabled_at: string | null;
  email: string | null;
}

interface TokenRow {
  id: number;
  user_id: number;
  user_name: string;
  user_role: Role;
  user_disabled_at: string | null;
  label: string;
  prefix: string;
  secret_hash: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

interface SessionRow {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

const userColumns =
  'id, name, role, password_hash, must_change_password, created_at, password_changed_at, disabled_at, email';
const selectTokens = `SELECT t.id, t.user_id, u.name AS user_name, u.role AS user_role,
  u.disabled_at AS user_disabled_at, t.label, t.prefix, t.secret_hash, t.scopes, t.created_at,
  t.expires_at, t.last_used_at, t.revoked_at
FROM api_tokens t JOIN users u ON u.id = t.user_id`;

function toUser(row: UserRow): User {
  return {
    id: Number(row.id),
    name: row.name,
    role: row.role,
    mustChangePassword: Number(row.must_change_password) === 1,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
    disabledAt: row.disabled_at,
    email: row.email,
  };
}

function toToken(row: TokenRow): ApiToken {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    userName: row.user_name,
    label: row.label,
    prefix: row.prefix,
    scopes: row.scopes.split(' ') as TokenScope[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

function toSession(row: SessionRow): Session {
  return {
    idHash: row.id_hash,
    userId: Number(row.user_id),
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

/** The audit entry of a change, as a step of the change's own transaction (both registries use it). */
export function auditStep(note: AuditNote, at: string): SqlStep {
  return {
    sql: 'INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)',
    params: [at, note.actor, note.action, note.target, note.detail ?? null],
  };
}

export class AccountRegistry implements AccountStore {
  constructor(private readonly runner: SqlRunner) {}

  async countUsers(): Promise<number> {
    const rows = await this.runner.all<{ n: number | string }>({
      sql: 'SELECT count(*) AS n FROM users',
      params: [],
    });
    return Number(rows[0]?.n ?? 0);
  }

  async addUser(user: NewUser, audit: AuditNote, now = new Date()): Promise<User> {
    const exists = () => new AppError('USER_EXISTS', `there is already a user called ${user.name}`);
    if ((await this.findUserByName(user.name)) !== null) throw exists();
    const at = now.toISOString();
    try {
      const rows = await this.runner.atomically<UserRow>([
        auditStep(audit, at),
        {
          sql: `INSERT INTO users (name, role, password_hash, must_change_password, created_at, password_changed_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING ${userColumns}`,
          params: [user.name, user.role, user.passwordHash, user.mustChangePassword ? 1 : 0, at, at],
        },
      ]);
      return toUser(rows[0]!);
    } catch (error) {
      // Another writer took the name between the check and the insert: the unique name refused it
      // and the transaction (audit entry included) rolled back.
      if ((await this.findUserByName(user.name)) !== null) throw exists();
      throw error;
    }
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.runner.all<UserRow>({
      sql: `SELECT ${userColumns} FROM users ORDER BY name`,
      params: [],
    });
    return rows.map(toUser);
  }

  async getUser(id: number): Promise<User | null> {
    if (!Number.isSafeInteger(id) || id < 1) return null;
    const rows = await this.runner.all<UserRow>({
      sql: `SELECT ${userColumns} FROM users WHERE id = ?`,
      params: [id],
    });
    return rows[0] ? toUser(rows[0]) : null;
  }

  async findUserByName(name: string): Promise<UserWithPassword | null> {
    const rows = await this.runner.all<UserRow>({
      sql: `SELECT ${userColumns} FROM users WHERE name = ?`,
      params: [name],
    });
    const row = rows[0];
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  async setPassword(
    userId: number,
    passwordHash: string,
    mustChange: boolean,
    audit: AuditNote,
    now = new Date(),
  ): Promise<void> {
    const at = now.toISOString();
    await this.changeUser(userId, [
      auditStep(audit, at),
      { sql: 'DELETE FROM sessions WHERE user_id = ?', params: [userId] },
      {
        sql: 'UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ? WHERE id = ? RETURNING id',
        params: [passwordHash, mustChange ? 1 : 0, at, userId],
      },
    ]);
  }

  async setRole(userId: number, role: Role, audit: AuditNote): Promise<void> {
    await this.changeUser(userId, [
      auditStep(audit, new Date().toISOString()),
      { sql: 'UPDATE users SET role = ? WHERE id = ? RETURNING id', params: [role, userId] },
    ]);
  }

  async setEmail(userId: number, email: string | null, audit: AuditNote): Promise<void> {
    await this.changeUser(userId, [
      auditStep(audit, new Date().toISOString()),
      { sql: 'UPDATE users SET email = ? WHERE id = ? RETURNING id', params: [email, userId] },
    ]);
  }

  async disableUser(userId: number, audit: AuditNote, now = new Date()): Promise<void> {
    const at = now.toISOString();
    await this.changeUser(userId, [
      auditStep(audit, at),
      { sql: 'DELETE FROM sessions WHERE user_id = ?', params: [userId] },
      {
        sql: 'UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL',
        params: [at, userId],
      },
      {
        sql: 'UPDATE users SET disabled_at = coalesce(disabled_at, ?) WHERE id = ? RETURNING id',
        params: [at, userId],
      },
    ]);
  }

  async enableUser(userId: number, audit: AuditNote): Promise<void> {
    await this.changeUser(userId, [
      auditStep(audit, new Date().toISOString()),
      { sql: 'UPDATE users SET disabled_at = NULL WHERE id = ? RETURNING id', params: [userId] },
    ]);
  }

  async addToken(token: NewApiToken, audit: AuditNote, now = new Date()): Promise<ApiToken> {
    const at = now.toISOString();
    await this.changeUser(token.userId, [
      auditStep(audit, at),
      {
        sql: `INSERT INTO api_tokens (user_id, label, prefix, secret_hash, scopes, created_at, expires_at)
              VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        params: [
          token.userId,
          token.label,
          token.prefix,
          token.secretHash,
          token.scopes.join(' '),
          at,
          token.expiresAt,
        ],
      },
    ]);
    const found = await this.findToken(token.prefix);
    return toPublicToken(found!);
  }

  async listTokens(userId?: number): Promise<ApiToken[]> {
    const rows = await this.runner.all<TokenRow>(
      userId === undefined
        ? { sql: `${selectTokens} ORDER BY t.id DESC`, params: [] }
        : { sql: `${selectTokens} WHERE t.user_id = ? ORDER BY t.id DESC`, params: [userId] },
    );
    return rows.map(toToken);
  }

  async findToken(prefix: string): Promise<ApiTokenWithSecret | null> {
    const rows = await this.runner.all<TokenRow>({
      sql: `${selectTokens} WHERE t.prefix = ?`,
      params: [prefix],
    });
    const row = rows[0];
    return row
      ? {
          ...toToken(row),
          secretHash: row.secret_hash,
          userRole: row.user_role,
          userDisabledAt: row.user_disabled_at,
        }
      : null;
  }

  async revokeToken(id: number, audit: AuditNote, now = new Date()): Promise<boolean> {
    if (!Number.isSafeInteger(id) || id < 1) return false;
    const current = await this.runner.all<{ revoked_at: string | null }>({
      sql: 'SELECT revoked_at FROM api_tokens WHERE id = ?',
      params: [id],
    });
    if (current[0] === undefined || current[0].revoked_at !== null) return false;
    const at = now.toISOString();
    // The entry is written only when the token was revoked here: a revocation racing this one between
    // the check and the update leaves its own time, and this call writes nothing.
    const time = this.runner.dialect === 'postgres' ? 'CAST(? AS timestamptz)' : '?';
    const rows = await this.runner.atomically<{ id: number }>([
      {
        sql: 'UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
        params: [at, id],
      },
      {
        sql: `INSERT INTO audit_log (at, actor, action, target, detail)
              SELECT ${time}, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM api_tokens WHERE id = ? AND revoked_at = ${time})
              RETURNING id`,
        params: [at, audit.actor, audit.action, audit.target, audit.detail ?? null, id, at],
      },
    ]);
    return rows.length === 1;
  }

  async touchToken(id: number, now = new Date()): Promise<void> {
    await this.runner.all({
      sql: 'UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
      params: [now.toISOString(), id, new Date(now.getTime() - touchEveryMs).toISOString()],
    });
  }

  async addSession(session: Session): Promise<void> {
    await this.runner.all({
      sql: `INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
            VALUES (?, ?, ?, ?, ?, ?)`,
      params: [
        session.idHash,
        session.userId,
        session.csrfToken,
        session.createdAt,
        session.lastSeenAt,
        session.expiresAt,
      ],
    });
  }

  async findSession(idHash: string): Promise<Session | null> {
    const rows = await this.runner.all<SessionRow>({
      sql: 'SELECT id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions WHERE id_hash = ?',
      params: [idHash],
    });
    return rows[0] ? toSession(rows[0]) : null;
  }

  async touchSession(idHash: string, expiresAt: string, now = new Date()): Promise<void> {
    await this.runner.all({
      sql: 'UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ? AND last_seen_at < ?',
      params: [now.toISOString(), expiresAt, idHash, new Date(now.getTime() - touchEveryMs).toISOString()],
    });
  }

  async endSession(idHash: string): Promise<void> {
    await this.runner.all({ sql: 'DELETE FROM sessions WHERE id_hash = ?', params: [idHash] });
  }

  async endSessions(userId: number, audit: AuditNote): Promise<number> {
    const rows = await this.runner.atomically<{ id_hash: string }>([
      auditStep(audit, new Date().toISOString()),
      { sql: 'DELETE FROM sessions WHERE user_id = ? RETURNING id_hash', params: [userId] },
    ]);
    return rows.length;
  }

  async signInActivity(): Promise<SignInActivity[]> {
    const rows = await this.runner.all<{
      user_id: number | string;
      sessions: number | string;
      last_sign_in_at: string;
      last_seen_at: string;
    }>({
      sql: `SELECT user_id, count(*) AS sessions, max(created_at) AS last_sign_in_at, max(last_seen_at) AS last_seen_at
            FROM sessions GROUP BY user_id ORDER BY user_id`,
      params: [],
    });
    return rows.map((row) => ({
      userId: Number(row.user_id),
      sessions: Number(row.sessions),
      lastSignInAt: row.last_sign_in_at,
      lastSeenAt: row.last_seen_at,
    }));
  }

  async recordSignInFailure(
    nameKey: string,
    now = new Date(),
  ): Promise<{ failures: number; lastFailedAt: string }> {
    const rows = await this.runner.atomically<{ failures: number; last_failed_at: string }>([
      {
        sql: `INSERT INTO sign_in_failures (name_key, failures, last_failed_at) VALUES (?, 1, ?)
              ON CONFLICT (name_key) DO UPDATE SET failures = sign_in_failures.failures + 1,
                last_failed_at = excluded.last_failed_at
              RETURNING failures, last_failed_at`,
        params: [nameKey, now.toISOString()],
      },
    ]);
    return { failures: Number(rows[0]!.failures), lastFailedAt: rows[0]!.last_failed_at };
  }

  async signInFailures(nameKey: string): Promise<{ failures: number; lastFailedAt: string } | null> {
    const rows = await this.runner.all<{ failures: number; last_failed_at: string }>({
      sql: 'SELECT failures, last_failed_at FROM sign_in_failures WHERE name_key = ?',
      params: [nameKey],
    });
    return rows[0] ? { failures: Number(rows[0].failures), lastFailedAt: rows[0].last_failed_at } : null;
  }

  async clearSignInFailures(nameKey: string): Promise<void> {
    await this.runner.all({ sql: 'DELETE FROM sign_in_failures WHERE name_key = ?', params: [nameKey] });
  }

  async audit(note: AuditNote, now = new Date()): Promise<void> {
    await this.runner.atomically([auditStep(note, now.toISOString())]);
  }

  async listAudit(options: AuditQuery = {}): Promise<AuditEntry[]> {
    const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 100)), maxAuditPage);
    const offset = Math.max(0, Math.trunc(options.offset ?? 0));
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (options.action !== undefined) {
      conditions.push('action = ?');
      params.push(options.action);
    }
    if (options.actor !== undefined) {
      conditions.push('actor = ?');
      params.push(options.actor);
    }
    const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')} `;
    const rows = await this.runner.all<AuditEntry & { id: number | string }>({
      sql: `SELECT id, at, actor, action, target, detail FROM audit_log ${where}ORDER BY id DESC LIMIT ? OFFSET ?`,
      params: [...params, limit, offset],
    });
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }

  /** Runs the steps in one transaction; USER_NOT_FOUND (and nothing written) when the last found no user. */
  private async changeUser(userId: number, steps: SqlStep[]): Promise<void> {
    if (!Number.isSafeInteger(userId) || userId < 1) throw notFound(userId);
    // The user is looked up first so a missing one writes no audit entry; the transaction's last
    // step repeats the check with RETURNING in case the user went in between.
    if ((await this.getUser(userId)) === null) throw notFound(userId);
    const rows = await this.runner.atomically(steps);
    if (rows.length === 0) throw notFound(userId);
  }
}

function notFound(userId: number): AppError {
  return new AppError('USER_NOT_FOUND', `no user with id ${userId}`);
}

function toPublicToken(token: ApiTokenWithSecret): ApiToken {
  const { secretHash: _secret, userRole: _role, userDisabledAt: _disabled, ...shown } = token;
  return shown;
}
