/**
 * The command line's changes to sources and to the gazetteer leave audit entries as the command
 * line's user (`cli:<login>`), listed by `wirewatch audit`: `sources add` (the feed found on a site),
 * `sources import` (one entry per feed added, naming the file), `sources remove`, `entities load` (a
 * directory, and `--shipped`) and each entity edit; what changes nothing or is refused leaves none.
 * Feeds come from invented outlets on 127.0.0.1, allowed as an operator would allow them.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AuditEntry } from '../../src/store/accounts.ts';
import type { FetchTestServer } from '../ingest/fetch/fetch-test-server.ts';
import { startOutletServer } from '../ingest/poll/outlet-fixtures.ts';
import { runCli, runCliAsync } from '../support/run-cli.ts';

const cwd = mkdtempSync(join(tmpdir(), 'wirewatch-cli-audit-'));
const env = { WIREWATCH_ALLOW_PRIVATE: '127.0.0.0/8' };
const cli = (...args: string[]) => runCliAsync(args, { cwd, env });
let outlets: FetchTestServer;

/** The audit log's entries of one action, oldest first. */
function audited(action: string): AuditEntry[] {
  const run = runCli(['audit', '--action', action, '--json'], { cwd });
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as AuditEntry[]).reverse();
}

before(async () => {
  outlets = await startOutletServer();
});
after(async () => {
  await outlets.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('audit entries of wirewatch sources', () => {
  it('audits a feed followed through its site, once, as the command line’s user', async () => {
    const added = await cli('sources', 'add', outlets.url('/site/'));
    assert.equal(added.status, 0, added.stderr);
    const again = await cli('sources', 'add', outlets.url('/feeds/full.rss'));
    assert.match(again.stdout, /already following/);
    const refused = await cli('sources', 'add', outlets.url('/site/nofeed'));
    assert.equal(refused.status, 1);
    const entries = audited('source.add');
    assert.equal(entries.length, 1);
    assert.match(entries[0]!.actor, /^cli(:\S+)?$/);
    assert.equal(entries[0]!.target, outlets.url('/feeds/full.rss'));
    assert.equal(
      entries[0]!.detail,
      `source "Steppe Herald", every 30 min, found on ${outlets.url('/site/')}`,
    );
    const printed = runCli(['audit', '--action', 'source.add'], { cwd }).stdout;
    assert.match(
      printed,
      /^\S+ {2}cli(:\S+)? {2}source\.add {2}http:\/\/127\.0\.0\.1:\d+\/feeds\/full\.rss {2}\(source "Steppe Herald", every 30 min, found on .*\/site\/\)\n$/,
    );
  });

  it('audits each feed an OPML import adds, naming the file, and none it skips', async () => {
    const opml = join(cwd, 'desk.opml');
    writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head><title>Desk</title></head><body>
<outline text="Cyrillic Wire" type="rss" xmlUrl="${outlets.url('/feeds/cp1251.rss')}"/>
<outline text="Valley Monitor" type="rss" xmlUrl="${outlets.url('/feeds/teasers.atom')}"/>
<outline text="Ftp Wire" type="rss" xmlUrl="ftp://files.example/feed.xml"/>
<outline text="Steppe again" type="rss" xmlUrl="${outlets.url('/feeds/full.rss')}"/></body></opml>`,
    );
    const imported = await cli('sources', 'import', opml, '--interval', '45');
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /2 feeds added, 1 already followed, 1 skipped/);
    const entries = audited('source.add').slice(1);
    assert.deepEqual(
      entries.map((entry) => [entry.target, entry.detail]),
      [
        [outlets.url('/feeds/cp1251.rss'), 'source "Cyrillic Wire", every 45 min, from OPML file desk.opml'],
        [
          outlets.url('/feeds/teasers.atom'),
          'source "Valley Monitor", every 45 min, from OPML file desk.opml',
        ],
      ],
    );
  });

  it('audits a feed no longer followed, by id or URL, and not an unknown one', async () => {
    const listed = JSON.parse((await cli('sources', 'list', '--json')).stdout) as {
      id: number;
      feedUrl: string;
      articleCount: number;
    }[];
    const cyrillic = listed.find((feed) => feed.feedUrl.endsWith('/feeds/cp1251.rss'))!;
    const removed = await cli('sources', 'remove', String(cyrillic.id));
    assert.equal(removed.status, 0, removed.stderr);
    const byUrl = await cli('sources', 'remove', outlets.url('/feeds/teasers.atom'));
    assert.equal(byUrl.status, 0, byUrl.stderr);
    const unknown = await cli('sources', 'remove', '999');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /SUBSCRIPTION_NOT_FOUND: no followed feed has the id or URL "999"/);
    const entries = audited('source.remove');
    assert.deepEqual(
      entries.map((entry) => [entry.target, entry.detail]),
      [
        [outlets.url('/feeds/cp1251.rss'), `source "Cyrillic Wire", #${cyrillic.id}, its 0 articles kept`],
        [outlets.url('/feeds/teasers.atom'), expectDetail('Valley Monitor', listed, '/feeds/teasers.atom')],
      ],
    );
    assert.ok(entries.every((entry) => /^cli(:\S+)?$/.test(entry.actor)));
  });
});

function expectDetail(
  name: string,
  listed: { id: number; feedUrl: string; articleCount: number }[],
  path: string,
): string {
  const feed = listed.find((item) => item.feedUrl.endsWith(path))!;
  return `source "${name}", #${feed.id}, its ${feed.articleCount} articles kept`;
}

describe('audit entries of wirewatch entities', () => {
  it('audits each edit that changes the gazetteer, and none that is refused or changes nothing', async () => {
    const run = async (...args: string[]) => {
      const done = await cli('entities', ...args, '--no-enrich');
      assert.equal(done.status, 0, `${args.join(' ')}: ${done.stderr}`);
      return done;
    };
    await run(
      'add',
      'steppe-brotherhood',
      '--type',
      'organisation',
      '--name',
      'Steppe Brotherhood',
      '--alias',
      'Братство степи',
    );
    await run('alias', 'steppe-brotherhood', 'Brotherhood of the Steppe');
    await run('alias', 'steppe-brotherhood', 'brotherhood of the steppe');
    await run('unalias', 'steppe-brotherhood', 'Brotherhood of the Steppe');
    await run('unalias', 'steppe-brotherhood', 'Brotherhood of the Steppe');
    await run('add', 'steppe-brethren', '--type', 'organisation', '--name', 'Steppe Brethren');
    await run('merge', 'steppe-brethren', 'steppe-brotherhood');
    const taken = await cli('entities', 'alias', 'tokayev', 'Steppe Brotherhood', '--no-enrich');
    assert.equal(taken.status, 1);
    const edits = ['entity.add', 'entity.alias', 'entity.unalias', 'entity.merge']
      .flatMap((action) => audited(action))
      .sort((a, b) => a.id - b.id)
      .map((entry) => [entry.action, entry.target, entry.detail]);
    assert.deepEqual(edits, [
      ['entity.add', 'steppe-brotherhood', 'organisation "Steppe Brotherhood", 2 spellings'],
      ['entity.alias', 'steppe-brotherhood', '"Brotherhood of the Steppe"'],
      ['entity.unalias', 'steppe-brotherhood', '"Brotherhood of the Steppe" (a user spelling)'],
      ['entity.add', 'steppe-brethren', 'organisation "Steppe Brethren", 1 spelling'],
      ['entity.merge', 'steppe-brethren', 'into steppe-brotherhood, with its 1 spelling'],
    ]);
  });

  it('audits a gazetteer loaded from a directory and the shipped one loaded back', async () => {
    const directory = join(cwd, 'gazetteer');
    mkdirSync(directory);
    writeFileSync(
      join(directory, 'places.yaml'),
      'version: 1\nentities:\n  - id: kg-osh\n    type: place\n    subtype: city\n    name: Osh\n    aliases: [Ош]\n',
    );
    const loaded = await cli('entities', 'load', directory, '--no-enrich');
    assert.equal(loaded.status, 0, loaded.stderr);
    const broken = join(cwd, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'places.yaml'), 'version: 1\nentities:\n  - id: "x\n');
    assert.equal((await cli('entities', 'load', broken, '--no-enrich')).status, 1);
    const shipped = await cli('entities', 'load', '--shipped', '--no-enrich');
    assert.equal(shipped.status, 0, shipped.stderr);
    const loads = audited('gazetteer.load');
    assert.equal(loads.length, 2);
    assert.equal(loads[0]!.target, directory);
    assert.match(
      loads[0]!.detail!,
      /^a user's gazetteer, 1 file; 1 entities: 0 new, 1 updated, \d+ removed$/,
    );
    assert.equal(loads[1]!.target, 'shipped');
    assert.match(
      loads[1]!.detail!,
      /^the gazetteer shipped with wirewatch; \d+ entities: \d+ new, 1 updated, 0 removed$/,
    );
    assert.ok(loads.every((entry) => /^cli(:\S+)?$/.test(entry.actor)));
  });
});
