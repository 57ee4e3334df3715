/** `wirewatch watch` through the real command on a real archive file: saved searches checked when saved. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/run-cli.ts';
import { samplePath } from '../support/sample-articles.ts';

describe('wirewatch watch', () => {
  let cwd: string;
  const cli = (...args: string[]) => runCli(args, { cwd });
  before(() => {
    cwd = mkdtempSync(join(tmpdir(), 'wirewatch-watch-'));
    assert.equal(cli('users', 'add', 'ana', '--role', 'analyst').status, 0);
  });
  after(() => rmSync(cwd, { recursive: true, force: true }));

  it('saves a search with its deliveries for the only analyst, and lists it', () => {
    const saved = cli(
      'watch',
      'add',
      'HTS returnees',
      'org:HTS (returnee* OR repatriat*)',
      '--webhook',
      'https://hooks.example/wirewatch',
      '--digest',
      'daily',
    );
    assert.equal(saved.status, 0, saved.stderr);
    assert.equal(saved.stdout, 'saved #1 "HTS returnees" for ana\n');
    assert.match(
      saved.stderr,
      /^its Atom feed of alerts \(keep the URL private\): \/watch\/1\/feed\.atom\?key=[A-Za-z0-9_-]{32}\n/,
    );
    assert.match(saved.stderr, /\nwebhook signing secret \(shown only now\): [A-Za-z0-9_-]{43}\n/);
    const listed = cli('watch', 'list');
    assert.equal(
      listed.stdout,
      [
        '#1  "HTS returnees"  ana',
        '    query: org:HTS (returnee* OR repatriat*)',
        '    deliveries: webhook https://hooks.example/wirewatch, daily digest',
        '    last run: not yet; hits: 0 (0 unread by ana)',
        '',
      ].join('\n'),
    );
  });

  it('refuses a malformed query with a caret under its column, and a webhook on the metadata address', () => {
    const broken = cli('watch', 'add', 'broken', 'org:HTS (returnee*');
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /^error: QUERY_UNBALANCED_PARENS: .*\n {2}org:HTS \(returnee\*\n {10}\^/);
    const metadata = cli('watch', 'add', 'cloud', 'Osh', '--webhook', 'http://169.254.169.254/latest');
    assert.equal(metadata.status, 1);
    assert.match(
      metadata.stderr,
      /WATCH_INVALID: the webhook URL names a link-local address \(169\.254\.169\.254\)/,
    );
    assert.equal((JSON.parse(cli('watch', 'list', '--json').stdout) as unknown[]).length, 1);
  });

  it('matches what an import adds against the saved searches, and lists the hits', () => {
    const added = cli('watch', 'add', 'Osh', 'Osh');
    assert.equal(added.status, 0, added.stderr);
    const imported = cli('import', samplePath);
    assert.equal(imported.status, 0, imported.stderr);
    const line =
      /saved searches: 2 matched against articles 1–(\d+): (\d+) hits?, (\d+) alerts? \(\d+ ms\)/.exec(
        imported.stderr,
      );
    assert.ok(line, imported.stderr);
    const hitsOf = (id: string) =>
      JSON.parse(cli('watch', 'hits', id, '--json').stdout) as { title: string; alert: boolean }[];
    const hits = hitsOf('2');
    assert.ok(hits.length > 0);
    assert.equal(hits.length + hitsOf('1').length, Number(line[2]));
    assert.ok(hits.every((hit) => typeof hit.title === 'string'));
    assert.equal(cli('watch', 'run').stdout, 'every saved search is up to date: nothing new to match\n');
    // The day's digest reads like the seed page: date line, counts, headlines over leads.
    const today = new Date();
    const digest = cli('digest', '--date', today.toISOString().slice(0, 10));
    assert.equal(digest.status, 0, digest.stderr);
    assert.ok(
      digest.stdout.startsWith(
        `${today.toLocaleDateString('en-GB', { day: '2-digit', month: 'long', year: 'numeric', timeZone: 'UTC' })}\n\n`,
      ),
    );
    assert.match(digest.stdout, /^"Osh" — Osh\nViewing results 1 - (\d+) of \1\n/m);
    assert.match(cli('digest', '--date', '2025-13-40').stderr, /WATCH_INVALID: "2025-13-40" is not a day/);
    assert.match(
      cli('digest', '--send').stderr,
      /CONFIG_INVALID: set WIREWATCH_SMTP_URL \(smtp:\/\/host:port\) to mail digests/,
    );
    // Each alert of the search with a webhook is queued for it, once, until a server pass posts it.
    const alerts = JSON.parse(cli('watch', 'hits', '1', '--alerts', '--json').stdout) as unknown[];
    const queued = JSON.parse(cli('watch', 'deliveries', '1', '--json').stdout) as {
      state: string;
      attempts: number;
    }[];
    assert.equal(queued.length, alerts.length);
    assert.ok(queued.every((delivery) => delivery.state === 'pending' && delivery.attempts === 0));
  });

  it('edits a search, printing what changed, a new webhook secret once, and refusing what saving refuses', () => {
    const listed = () =>
      JSON.parse(cli('watch', 'list', '--json').stdout) as {
        id: number;
        name: string;
        query: string;
        webhookUrl: string | null;
        shared: boolean;
        matchedUpTo: number;
        hits: number;
      }[];
    const before = listed().find((search) => search.id === 2)!;
    const edited = cli(
      'watch',
      'edit',
      '2',
      '--name',
      'Osh and Bishkek',
      '--query',
      'Osh OR Bishkek',
      '--shared',
    );
    assert.equal(edited.status, 0, edited.stderr);
    assert.equal(
      edited.stdout,
      [
        'changed #2 "Osh and Bishkek":',
        '  name: "Osh" → "Osh and Bishkek"',
        '  query: Osh → Osh OR Bishkek',
        '  shared',
        'note: the new query applies to articles ingested from now on: the archive is not searched again, and the hits found so far stay',
        '',
      ].join('\n'),
    );
    assert.equal(edited.stderr, '', 'no webhook, no secret');
    const after = listed().find((search) => search.id === 2)!;
    assert.deepEqual(
      [after.name, after.query, after.shared, after.matchedUpTo, after.hits],
      ['Osh and Bishkek', 'Osh OR Bishkek', true, before.matchedUpTo, before.hits],
    );
    assert.equal(
      cli('watch', 'edit', '2', '--query', 'Osh OR Bishkek').stdout,
      '#2 "Osh and Bishkek": nothing to change\n',
    );

    // A webhook where there was none: a new secret, shown once, on stderr as `add` shows it.
    const hooked = cli('watch', 'edit', '2', '--webhook', 'https://hooks.example/osh');
    assert.equal(hooked.status, 0, hooked.stderr);
    assert.equal(hooked.stdout, 'changed #2 "Osh and Bishkek":\n  webhook: https://hooks.example/osh\n');
    assert.match(hooked.stderr, /^webhook signing secret \(shown only now\): [A-Za-z0-9_-]{43}\n/);
    const moved = cli('watch', 'edit', '2', '--webhook', 'https://hooks.example/osh2');
    assert.equal(moved.stderr, '', 'a new URL keeps its secret');
    const rotated = cli('watch', 'edit', '2', '--rotate-secret');
    assert.equal(rotated.stdout, 'changed #2 "Osh and Bishkek":\n  webhook signing secret rotated\n');
    assert.notEqual(
      /secret \(shown only now\): (\S+)/.exec(rotated.stderr)?.[1],
      /secret \(shown only now\): (\S+)/.exec(hooked.stderr)?.[1],
    );
    const unhooked = cli('watch', 'edit', '2', '--no-webhook', '--private');
    assert.equal(unhooked.stdout, 'changed #2 "Osh and Bishkek":\n  webhook removed\n  private\n');
    assert.equal(listed().find((search) => search.id === 2)?.webhookUrl, null);

    // Refused as saving refuses, and nothing changes.
    const broken = cli('watch', 'edit', '2', '--name', 'never', '--query', 'org:HTS (returnee*');
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /^error: QUERY_UNBALANCED_PARENS: .*\n {2}org:HTS \(returnee\*\n {10}\^/);
    const metadata = cli('watch', 'edit', '2', '--webhook', 'http://169.254.169.254/latest');
    assert.match(
      metadata.stderr,
      /WATCH_INVALID: the webhook URL names a link-local address \(169\.254\.169\.254\)/,
    );
    assert.match(cli('watch', 'edit', '2', '--rotate-secret').stderr, /WATCH_INVALID: there is no webhook/);
    assert.match(
      cli('watch', 'edit', '2', '--name', 'HTS returnees').stderr,
      /WATCH_EXISTS: there is already a saved search called "HTS returnees"/,
    );
    assert.match(
      cli('watch', 'edit', '2', '--shared', '--private').stderr,
      /--shared or --private, not both/,
    );
    assert.match(cli('watch', 'edit', '99', '--name', 'x').stderr, /WATCH_NOT_FOUND: no saved search #99/);
    const unchanged = listed().find((search) => search.id === 2)!;
    assert.deepEqual([unchanged.name, unchanged.query], ['Osh and Bishkek', 'Osh OR Bishkek']);
    const audit = cli('audit', '--action', 'watch.change');
    assert.match(audit.stdout, /renamed from "Osh", query: Osh OR Bishkek, shared/);
  });

  it('removes a saved search, and names one that is not there', () => {
    assert.equal(cli('watch', 'remove', '1').stdout, 'removed #1 "HTS returnees"\n');
    assert.match(cli('watch', 'remove', '1').stderr, /WATCH_NOT_FOUND: no saved search #1/);
  });
});
