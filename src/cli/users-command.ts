/**
 * `wirewatch users add|list|reset-password|role|disable|enable|sign-out` and `wirewatch tokens
 * create|list|revoke`: the accounts of a served archive, from the machine it runs on. The command
 * line is how the first admin is made (the server never runs open by accident), and it acts as
 * `cli:<login>` in the audit log (`wirewatch audit`).
 */
import type { Command } from 'commander';
import { AppError } from '../core/errors.ts';
import type { ApiToken, User } from '../store/accounts.ts';
import {
  addUser,
  checkEmail,
  createToken,
  disableUser,
  enableUser,
  findUser,
  parseRole,
  parseScopes,
  resetPassword,
  revokeToken,
  setEmail,
  setRole,
  signOutEverywhere,
} from '../watch/accounts/manage-accounts.ts';
import { checkPassword } from '../watch/accounts/passwords.ts';
import { cliActor } from './cli-actor.ts';
import { type GlobalOptions, withStore } from './open-store.ts';
import { parseWholeNumber } from './option-parsers.ts';
import { stripControlCharacters } from './terminal-style.ts';

const write = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('who may use the served archive, and as what role');

  users
    .command('add <name>')
    .description('add a user; prints a one-time password they change at first sign-in')
    .requiredOption('--role <role>', 'admin, analyst or viewer')
    .option('--password-stdin', 'read the password from standard input instead (for scripts)')
    .option('--email <address>', 'where their daily digest is mailed')
    .action(
      async (
        name: string,
        options: { role: string; passwordStdin?: boolean; email?: string },
        command: Command,
      ) => {
        const role = parseRole(options.role);
        if (options.email !== undefined) checkEmail(options.email);
        const password = options.passwordStdin ? await readPassword() : undefined;
        const { user, oneTimePassword } = await withStore(
          globals(command),
          { readonly: false },
          async (store) => {
            const added = await addUser(
              store,
              { name, role, ...(password === undefined ? {} : { password }) },
              cliActor(),
            );
            if (options.email !== undefined) await setEmail(store, name, options.email, cliActor());
            return added;
          },
        );
        write(`added ${user.name} (${user.role})`);
        if (oneTimePassword !== null) {
          write(`one-time password: ${oneTimePassword}`);
          write('it is shown only now; they must choose their own at the first sign-in');
        }
      },
    );

  users
    .command('list')
    .description('every user: role, created, disabled')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const list = await withStore(globals(command), { readonly: true }, (store) =>
        store.accounts.listUsers(),
      );
      if (options.json) return write(JSON.stringify(list, null, 2));
      if (list.length === 0)
        return write('no users yet: `wirewatch users add NAME --role admin` makes the first admin');
      for (const user of list) write(describeUser(user));
    });

  users
    .command('reset-password <name>')
    .description('give a user a new one-time password (and sign them out everywhere)')
    .action(async (name: string, _options: unknown, command: Command) => {
      const password = await withStore(globals(command), { readonly: false }, (store) =>
        resetPassword(store, name, cliActor()),
      );
      write(`one-time password for ${name}: ${password}`);
      write('shown only now; they are signed out everywhere and must choose their own at the next sign-in');
    });

  users
    .command('role <name> <role>')
    .description("change a user's role")
    .action(async (name: string, role: string, _options: unknown, command: Command) => {
      const user = await withStore(globals(command), { readonly: false }, (store) =>
        setRole(store, name, parseRole(role), cliActor()),
      );
      write(`${user.name} is now ${user.role}`);
    });

  users
    .command('email <name> <address>')
    .description('where a user\'s daily digest is mailed ("none" to stop)')
    .action(async (name: string, address: string, _options: unknown, command: Command) => {
      const user = await withStore(globals(command), { readonly: false }, (store) =>
        setEmail(store, name, address === 'none' ? null : address, cliActor()),
      );
      write(
        user.email === null ? `${name} gets no digest by e-mail` : `${name}'s digest goes to ${user.email}`,
      );
    });

  users
    .command('disable <name>')
    .description('stop a user: sessions end, tokens are revoked')
    .action(async (name: string, _options: unknown, command: Command) => {
      await withStore(globals(command), { readonly: false }, (store) => disableUser(store, name, cliActor()));
      write(`${name} is disabled: signed out everywhere, every token revoked`);
    });

  users
    .command('enable <name>')
    .description('let a disabled user sign in again (their old tokens stay revoked)')
    .action(async (name: string, _options: unknown, command: Command) => {
      await withStore(globals(command), { readonly: false }, (store) => enableUser(store, name, cliActor()));
      write(`${name} may sign in again`);
    });

  users
    .command('sign-out <name>')
    .description('end every session of a user (sign out everywhere)')
    .action(async (name: string, _options: unknown, command: Command) => {
      const ended = await withStore(globals(command), { readonly: false }, (store) =>
        signOutEverywhere(store, name, cliActor()),
      );
      write(`${name}: ${ended} session${ended === 1 ? '' : 's'} ended`);
    });

  const tokens = program.command('tokens').description('API tokens: Authorization: Bearer …');

  tokens
    .command('create')
    .description('make an API token for a user; it is shown once')
    .requiredOption('--user <name>', 'whose token it is')
    .option('--scope <scopes>', 'read, write, admin, comma-separated (within the user’s role)', 'read')
    .option('--label <text>', 'what the token is for')
    .option('--expires <days>', 'days until it stops working (default: never)', parseWholeNumber('--expires'))
    .action(
      async (
        options: { user: string; scope: string; label?: string; expires?: number },
        command: Command,
      ) => {
        const scopes = parseScopes(options.scope);
        const expiresAt =
          options.expires === undefined ? null : new Date(Date.now() + options.expires * 86_400_000);
        const { token, record } = await withStore(globals(command), { readonly: false }, (store) =>
          createToken(
            store,
            {
              userName: options.user,
              scopes,
              ...(options.label === undefined ? {} : { label: options.label }),
              expiresAt,
            },
            cliActor(),
          ),
        );
        write(token);
        process.stderr.write(
          `token ${record.prefix} for ${record.userName} (${record.scopes.join(', ')})${record.expiresAt ? `, until ${record.expiresAt}` : ''}: shown only now; send it as "Authorization: Bearer <token>"\n`,
        );
      },
    );

  tokens
    .command('list')
    .description('every token (or one user’s): prefix, scopes, last use, revoked')
    .option('--user <name>', 'only this user’s')
    .option('--json', 'print as JSON')
    .action(async (options: { user?: string; json?: boolean }, command: Command) => {
      const list = await withStore(globals(command), { readonly: true }, async (store) =>
        store.accounts.listTokens(
          options.user === undefined ? undefined : (await findUser(store, options.user)).id,
        ),
      );
      if (options.json) return write(JSON.stringify(list, null, 2));
      if (list.length === 0) return write('no tokens');
      for (const token of list) write(describeToken(token));
    });

  tokens
    .command('revoke <prefix-or-number>')
    .description('stop a token at once')
    .action(async (which: string, _options: unknown, command: Command) => {
      const token = await withStore(globals(command), { readonly: false }, (store) =>
        revokeToken(store, which, cliActor()),
      );
      write(`revoked ${token.prefix} (${token.userName})`);
    });

  program
    .command('audit')
    .description('who added which user or source, changed which setting, made or revoked which token')
    .option('--limit <n>', 'entries to show (default 50)', parseWholeNumber('--limit'), 50)
    .option('--offset <n>', 'skip this many of the newest first', parseWholeNumber('--offset'), 0)
    .option('--action <action>', 'only this action (user.add, token.create, …)')
    .option('--json', 'print as JSON')
    .action(
      async (
        options: { limit: number; offset: number; action?: string; json?: boolean },
        command: Command,
      ) => {
        const entries = await withStore(globals(command), { readonly: true }, (store) =>
          store.accounts.listAudit({
            limit: options.limit,
            offset: options.offset,
            ...(options.action === undefined ? {} : { action: options.action }),
          }),
        );
        if (options.json) return write(JSON.stringify(entries, null, 2));
        if (entries.length === 0) return write('nothing audited yet');
        for (const entry of entries)
          write(
            stripControlCharacters(
              `${entry.at}  ${entry.actor}  ${entry.action}  ${entry.target}${entry.detail ? `  (${entry.detail})` : ''}`,
            ),
          );
      },
    );
}

function describeUser(user: User): string {
  const state = user.disabledAt
    ? `disabled ${user.disabledAt}`
    : user.mustChangePassword
      ? 'one-time password not yet changed'
      : 'active';
  return `${user.name}  ${user.role}  created ${user.createdAt}  ${state}`;
}

function describeToken(token: ApiToken): string {
  const state = token.revokedAt
    ? `revoked ${token.revokedAt}`
    : token.expiresAt && Date.parse(token.expiresAt) <= Date.now()
      ? `expired ${token.expiresAt}`
      : 'active';
  return `#${token.id}  ${token.prefix}  ${token.userName}  ${token.scopes.join(',')}  "${stripControlCharacters(token.label)}"  last used ${token.lastUsedAt ?? 'never'}  ${state}`;
}

/** The password on standard input: its first line, without the line ending. */
async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (password === '') throw new AppError('PASSWORD_TOO_WEAK', 'no password on standard input');
  checkPassword(password);
  return password;
}

function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}
