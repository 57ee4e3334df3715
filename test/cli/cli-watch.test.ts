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

  it('removes a saved search, and names one that is not there', () => {
    assert.equal(cli('watch', 'remove', '1').stdout, 'removed #1 "HTS returnees"\n');
    assert.match(cli('watch', 'remove', '1').stderr, /WATCH_NOT_FOUND: no saved search #1/);
  });
});
