/**
 * Bad input through the real command: each gets a clear error naming what and where, the process
 * never dies with a stack trace, and nothing already stored is lost or half-written.
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { sqliteMigrations } from '../../src/store/sqlite/migrations/index.ts';
import { encodeWindows1251 } from '../fixtures/import/encode-legacy.ts';
import { runCli } from '../support/run-cli.ts';
import { samplePath } from '../support/sample-articles.ts';

const noStackTrace = /\n\s+at [\w.<]+ \(/;

describe('wirewatch command line on bad input', () => {
  let cwd: string;
  const cli = (...args: string[]) => runCli(args, { cwd });
  const articleCount = () =>
    (JSON.parse(cli('stats', '--json').stdout) as { articleCount: number }).articleCount;

  before(() => {
    cwd = mkdtempSync(join(tmpdir(), 'wirewatch-bad-'));
    assert.equal(cli('import', samplePath).status, 0);
  });
  after(() => rmSync(cwd, { recursive: true, force: true }));

  it('reports each bad JSON line with its number and reason, and imports the rest', () => {
    const lines = [
      '{"source":"Wire","title":"Good one","text":"first good article"}',
      '{"source":"Wire","title":"Broken" "text":"x"}',
      '{"source":"Wire","text":"no title"}',
      '{"source":"Wire","title":"Bad date","text":"dated badly","published_at":"yesterdayish"}',
      '[1,2,3]',
      '{"source":"Wire","title":"Good two","text":"second good article"}',
    ];
    writeFileSync(join(cwd, 'mixed.jsonl'), `${lines.join('\n')}\n`);
    const before = articleCount();
    const run = cli('import', 'mixed.jsonl');
    assert.equal(run.status, 3, 'exit 3: imported with some records skipped');
    assert.match(run.stderr, /mixed\.jsonl:2: \w+: .*JSON/);
    assert.match(run.stderr, /mixed\.jsonl:3: \w+: title is missing/);
    assert.match(run.stderr, /mixed\.jsonl:4: \w+: .*yesterdayish/);
    assert.match(run.stderr, /mixed\.jsonl:5: /);
    assert.match(run.stderr, /2 imported, 0 duplicates, 4 errors/);
    assert.doesNotMatch(run.stderr, noStackTrace);
    assert.equal(articleCount(), before + 2);
  });

  it('imports nothing from a file with a bad line under --strict', () => {
    const lines = ['{"source":"Wire","title":"Strict good","text":"strict good text"}', 'not json at all'];
    writeFileSync(join(cwd, 'strict.jsonl'), `${lines.join('\n')}\n`);
    const before = articleCount();
    const run = cli('import', 'strict.jsonl', '--strict');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /line 2: .*nothing from strict\.jsonl was imported \(--strict\)/);
    assert.equal(articleCount(), before);
  });

  it('refuses empty and binary files by name, and goes on with the other files', () => {
    writeFileSync(join(cwd, 'empty.jsonl'), '');
    writeFileSync(
      join(cwd, 'image.jsonl'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    );
    writeFileSync(
      join(cwd, 'one.jsonl'),
      '{"source":"Wire","title":"After the bad files","text":"still imported"}\n',
    );
    const run = cli('import', 'empty.jsonl', 'image.jsonl', 'one.jsonl');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /empty\.jsonl: IMPORT_EMPTY_FILE: /);
    assert.match(run.stderr, /image\.jsonl: IMPORT_BINARY_FILE: .*offset/);
    assert.match(run.stderr, /one\.jsonl: 1 imported/);
    assert.doesNotMatch(run.stderr, noStackTrace);
  });

  it('decodes a Windows-1251 file and says so', () => {
    writeFileSync(
      join(cwd, 'ru.csv'),
      encodeWindows1251(
        'title,text,source\nВзрыв на границе,Пограничники сообщили о взрыве у поста.,Вестник\n',
      ),
    );
    const run = cli('import', 'ru.csv');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /decoded as windows-1251/);
    assert.match(cli('search', 'пограничники').stdout, /Взрыв на границе/);
  });

  it('refuses an article over the size limit and keeps the others', () => {
    const huge = JSON.stringify({ source: 'Wire', title: 'Huge', text: 'word '.repeat(2_100_000) });
    writeFileSync(
      join(cwd, 'huge.jsonl'),
      `${huge}\n{"source":"Wire","title":"Small","text":"small text"}\n`,
    );
    const run = cli('import', 'huge.jsonl');
    assert.equal(run.status, 3);
    assert.match(run.stderr, /huge\.jsonl:1: ARTICLE_TOO_LARGE: .*over the 2 MB limit/);
    assert.match(run.stderr, /1 imported/);
  });

  it('never touches a file that is not SQLite', () => {
    const notes = join(cwd, 'notes.txt');
    writeFileSync(notes, 'my notes, not a database\n');
    for (const args of [['stats'], ['import', samplePath]]) {
      const run = cli('--db', notes, ...args);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /^error: STORE_NOT_SQLITE: .*notes\.txt is not an SQLite database/);
      assert.doesNotMatch(run.stderr, noStackTrace);
    }
    assert.equal(readFileSync(notes, 'utf8'), 'my notes, not a database\n');
  });

  it('refuses an SQLite database of something else, and one newer than this version', () => {
    const other = join(cwd, 'other.db');
    const db = new Database(other);
    db.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    db.close();
    assert.match(cli('--db', other, 'import', samplePath).stderr, /STORE_NOT_WIREWATCH: .*tables: invoices/);

    const newer = join(cwd, 'newer.db');
    copyFileSync(join(cwd, 'data', 'wirewatch.db'), newer);
    const upgraded = new Database(newer);
    upgraded
      .prepare(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01')",
      )
      .run();
    upgraded.close();
    const run = cli('--db', newer, 'stats');
    assert.equal(run.status, 1);
    const known = sqliteMigrations.at(-1)!.version;
    assert.match(
      run.stderr,
      new RegExp(`STORE_TOO_NEW: .*schema version 99, newer than this wirewatch knows \\(${known}\\)`),
    );
  });

  it('explains a database path it cannot create', () => {
    writeFileSync(join(cwd, 'a-file'), 'x');
    const run = cli('--db', join(cwd, 'a-file', 'archive.db'), 'import', samplePath);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /STORE_READ_ONLY: cannot create the archive .*a part of the path is a file, not a directory/,
    );
    const missing = cli('--db', join(cwd, 'nowhere.db'), 'search', 'x');
    assert.match(missing.stderr, /STORE_CANNOT_OPEN: no archive at .*nowhere\.db: import articles first/);
  });

  it('refuses to write to a read-only archive, and still searches it', (t) => {
    const frozen = join(cwd, 'frozen.db');
    copyFileSync(join(cwd, 'data', 'wirewatch.db'), frozen);
    chmodSync(frozen, 0o444);
    // root ignores file modes, so there the file is made immutable instead (ext4 and most others).
    const asRoot = process.getuid?.() === 0;
    if (asRoot && spawnSync('chattr', ['+i', frozen]).status !== 0) {
      t.skip('running as root on a filesystem without chattr +i: cannot make a file read-only');
      return;
    }
    try {
      const before = cli('--db', frozen, 'stats', '--json');
      assert.equal(before.status, 0, before.stderr);
      writeFileSync(join(cwd, 'new.jsonl'), '{"source":"Wire","title":"New","text":"a new article"}\n');
      const writes = [cli('--db', frozen, 'import', 'new.jsonl'), cli('--db', frozen, 'enrich', '--all')];
      for (const refused of writes) {
        assert.equal(refused.status, 1, refused.stderr);
        assert.match(refused.stderr, /STORE_READ_ONLY: .*frozen\.db is read-only/);
        assert.doesNotMatch(refused.stderr, noStackTrace);
      }
      const found = cli('--db', frozen, 'search', 'extremism', '--json');
      assert.equal(found.status, 0, found.stderr);
      assert.ok((JSON.parse(found.stdout) as { total: number }).total > 0);
      assert.equal(cli('--db', frozen, 'stats', '--json').stdout, before.stdout);
    } finally {
      if (asRoot) spawnSync('chattr', ['-i', frozen]);
    }
  });

  it('rejects bad option values with a usage message', () => {
    const run = cli('search', 'x', '--page', 'zero');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--page takes a whole number from 1, not "zero"/);
  });
});
