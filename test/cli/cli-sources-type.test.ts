/**
 * `wirewatch sources type` and `sources types` through the real command on a real archive file: an
 * admin says what kind of outlet a source is, audited as the command line's user; a type outside the
 * vocabulary is refused with the list of those allowed; `none` clears it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/run-cli.ts';
import { samplePath } from '../support/sample-articles.ts';

describe('wirewatch sources type', () => {
  let cwd: string;
  const cli = (...args: string[]) => runCli(args, { cwd });
  before(() => {
    cwd = mkdtempSync(join(tmpdir(), 'wirewatch-source-type-'));
    assert.equal(cli('import', samplePath).status, 0);
  });
  after(() => rmSync(cwd, { recursive: true, force: true }));

  it('sets a source’s type by name or slug, says what it was, and audits it', () => {
    const set = cli('sources', 'type', 'Tashkent Wire', 'wire');
    assert.equal(set.status, 0, set.stderr);
    assert.equal(set.stdout, '"Tashkent Wire" is now wire\n');
    assert.equal(
      cli('sources', 'type', 'tashkent-wire', 'national').stdout,
      '"Tashkent Wire" is now national (was wire)\n',
    );
    assert.equal(
      cli('sources', 'type', 'tashkent wire', 'national').stdout,
      '"Tashkent Wire" is already national; nothing changed\n',
    );
    assert.equal(cli('sources', 'type', 'Астана Ведомости', 'official').status, 0);
    const audit = cli('audit', '--action', 'source.type').stdout.trim().split('\n');
    assert.equal(audit.length, 4);
    assert.match(
      audit[0]!,
      /^\S+ {2}cli(:\S+)? {2}source\.type {2}Астана Ведомости {2}\(official \(was none\)\)$/,
    );
    assert.match(audit.at(-1)!, /source\.type {2}Tashkent Wire {2}\(wire \(was none\)\)$/);
  });

  it('lists the types and every source with its own', () => {
    const listed = cli('sources', 'types');
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /^outlet types:\n {2}wire {11}wire or news agency/);
    for (const type of ['national', 'regional', 'international', 'official', 'ngo', 'social'])
      assert.match(listed.stdout, new RegExp(`\\n {2}${type} +\\S`));
    assert.match(listed.stdout, /\n {2}national {7}Tashkent Wire {2}\(\d+ articles\)\n/);
    assert.match(listed.stdout, /\n {2}official {7}Астана Ведомости {2}\(\d+ articles\)\n/);
    assert.match(listed.stdout, /\n {2}- {14}Steppe Herald {2}\(\d+ articles\)\n/);
    const json = JSON.parse(cli('sources', 'types', '--json').stdout) as {
      types: Record<string, string>;
      sources: { name: string; outletType: string | null }[];
    };
    assert.deepEqual(Object.keys(json.types), [
      'wire',
      'national',
      'regional',
      'international',
      'official',
      'ngo',
      'social',
    ]);
    assert.equal(json.sources.find((source) => source.name === 'Tashkent Wire')?.outletType, 'national');
  });

  it('refuses a type outside the vocabulary with the list of those allowed, and an unknown source', () => {
    const bad = cli('sources', 'type', 'Steppe Herald', 'tabloid');
    assert.equal(bad.status, 1);
    assert.equal(bad.stdout, '');
    assert.match(
      bad.stderr,
      /SOURCE_TYPE_INVALID: "tabloid" is not an outlet type: use one of wire, national, regional, international, official, ngo, social, or none to clear it/,
    );
    const unknown = cli('sources', 'type', 'Nowhere Gazette', 'national');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /SOURCE_NOT_FOUND: no source called "Nowhere Gazette"/);
    assert.equal(cli('audit', '--action', 'source.type').stdout.trim().split('\n').length, 4);
  });

  it('clears a type with none', () => {
    assert.equal(
      cli('sources', 'type', 'Tashkent Wire', 'none').stdout,
      '"Tashkent Wire" is now untyped (was national)\n',
    );
    assert.match(cli('sources', 'types').stdout, /\n {2}- {14}Tashkent Wire {2}/);
  });
});
