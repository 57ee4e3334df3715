/**
 * `wirewatch users`, `tokens` and `audit` through the real command on a real archive file: the
 * first admin, one-time passwords, tokens shown once and stored only as hashes, scopes within the
 * role, revoking, disabling, the last admin kept, and every change in the audit log.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { runCli } from '../support/run-cli.ts';

const noStackTrace = /\n\s+at [\w.<]+ \(/;

describe('wirewatch users, tokens and audit', () => {
  let cwd: string;
  const cli = (args: string[], input?: string) =>
    runCli(args, { cwd, ...(input === undefined ? {} : { input }) });
  const archive = () => join(cwd, 'data', 'wirewatch.db');

  before(() => {
    cwd = mkdtempSync(join(tmpdir(), 'wirewatch-users-'));
  });
  after(() => rmSync(cwd, { recursive: true, force: true }));

  it('makes the first admin on a new archive and prints a one-time password', () => {
    const run = cli(['users', 'add', 'root', '--role', 'admin']);
    assert.equal(run.status, 0, run.stderr);
    const password = /one-time password: ([a-zA-Z2-9]{20})/.exec(run.stdout)?.[1];
    assert.ok(password, run.stdout);
    const listed = cli(['users', 'list']);
    assert.match(listed.stdout, /^root {2}admin {2}created \S+ {2}one-time password not yet changed$/m);
    // Only the argon2id hash is stored, never the password.
    const db = new Database(archive(), { readonly: true });
    const stored = db.prepare('SELECT password_hash FROM users WHERE name = ?').pluck().get('root') as string;
    db.close();
    assert.match(stored, /^\$argon2id\$/);
    assert.equal(readFileSync(archive()).includes(password), false);
  });

  it('takes a chosen password on standard input, and refuses a weak one and a taken name', () => {
    assert.equal(
      cli(['users', 'add', 'ana', '--role', 'analyst', '--password-stdin'], 'a long enough secret\n').status,
      0,
    );
    const refusals: [string[], string | undefined, RegExp][] = [
      [
        ['users', 'add', 'bo', '--role', 'viewer', '--password-stdin'],
        'short\n',
        /PASSWORD_TOO_WEAK: a password needs at least 12/,
      ],
      [
        ['users', 'add', 'ana', '--role', 'viewer'],
        undefined,
        /USER_EXISTS: there is already a user called ana/,
      ],
    ];
    for (const [args, input, message] of refusals) {
      const run = cli(args, input);
      assert.equal(run.status, 1, `${args.join(' ')}: ${run.stdout}`);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, noStackTrace);
    }
  });

  it('shows a token once, stores only its hash, lists it by prefix, and keeps scopes within the role', () => {
    const made = cli([
      'tokens',
      'create',
      '--user',
      'ana',
      '--scope',
      'read,write',
      '--label',
      'morning run',
    ]);
    assert.equal(made.status, 0, made.stderr);
    const token = made.stdout.trim();
    assert.match(token, /^ww_[a-z2-9]{8}_[A-Za-z0-9_-]{43}$/);
    const prefix = token.slice(0, 11);
    assert.match(made.stderr, new RegExp(`token ${prefix} for ana \\(read, write\\): shown only now`));
    assert.equal(readFileSync(archive()).includes(token), false);
    assert.equal(readFileSync(archive()).includes(token.slice(12)), false);
    const listed = cli(['tokens', 'list']);
    assert.match(
      listed.stdout,
      new RegExp(`#1 {2}${prefix} {2}ana {2}read,write {2}"morning run" {2}last used never {2}active`),
    );
    assert.equal(listed.stdout.includes(token), false);

    const beyond = cli(['tokens', 'create', '--user', 'ana', '--scope', 'admin']);
    assert.equal(beyond.status, 1);
    assert.match(
      beyond.stderr,
      /TOKEN_INVALID: ana is an analyst: their tokens may have read, write, not admin/,
    );

    const revoked = cli(['tokens', 'revoke', prefix]);
    assert.equal(revoked.status, 0, revoked.stderr);
    assert.match(cli(['tokens', 'list', '--user', 'ana']).stdout, /revoked \S+Z/);
  });

  it('keeps the last admin, and disabling a user revokes every token of theirs', () => {
    const run = cli(['users', 'disable', 'root']);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /USER_LAST_ADMIN: root is the only admin: add another admin before you disable this one/,
    );
    assert.equal(cli(['tokens', 'create', '--user', 'ana', '--scope', 'read']).status, 0);
    assert.equal(cli(['users', 'disable', 'ana']).status, 0);
    const tokens = JSON.parse(cli(['tokens', 'list', '--user', 'ana', '--json']).stdout) as {
      revokedAt: string | null;
    }[];
    assert.equal(tokens.length, 2);
    assert.ok(tokens.every((token) => token.revokedAt !== null));
  });

  it('lists every change in the audit log, newest first, with who made it', () => {
    const run = cli(['audit', '--json']);
    const entries = JSON.parse(run.stdout) as { action: string; target: string; actor: string }[];
    assert.deepEqual(
      entries.map((entry) => entry.action),
      ['user.disable', 'token.create', 'token.revoke', 'token.create', 'user.add', 'user.add'],
    );
    assert.ok(entries.every((entry) => entry.actor.startsWith('cli')));
    assert.match(
      cli(['audit', '--action', 'user.add']).stdout,
      /cli\S* {2}user\.add {2}ana {2}\(role analyst\)\n.*user\.add {2}root {2}\(role admin\)/,
    );
  });
});
