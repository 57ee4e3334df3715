/**
 * Editing the gazetteer from the command line, on one real archive: `entities add`, `alias` and
 * `merge` (each re-enriching, so an entity query follows the edit at once) and their refusals with
 * codes; `entities load` of a directory of YAML files (the archive's gazetteer replaced, and kept by
 * later enrichment), of broken ones (refused with the file and line, the old gazetteer kept), and
 * `--shipped` to go back.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../support/run-cli.ts';
import { samplePath } from '../support/sample-articles.ts';

const cwd = mkdtempSync(join(tmpdir(), 'wirewatch-cli-entities-'));
const cli = (...args: string[]) => runCli(args, { cwd });
const total = (query: string): number => {
  const run = cli('search', query, '--json');
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as { total: number }).total;
};
/** The archive's gazetteer: its entities, not the names the recogniser found in the articles. */
const slugs = (): string[] => {
  const run = cli('entities', 'list', '--json');
  assert.equal(run.status, 0, run.stderr);
  const listed = JSON.parse(run.stdout) as { slug: string; origin: string }[];
  const recognised = cli('entities', 'list', '--json', '--origin', 'recognised');
  assert.equal(recognised.status, 0, recognised.stderr);
  const found = new Set((JSON.parse(recognised.stdout) as { slug: string }[]).map((entity) => entity.slug));
  assert.ok(listed.every((entity) => (entity.origin === 'recognised') === found.has(entity.slug)));
  return listed
    .filter((entity) => !found.has(entity.slug))
    .map((entity) => entity.slug)
    .sort();
};

/** Invented articles naming a group the shipped gazetteer does not know, each by another spelling. */
const jamaatArticles = [
  {
    source: 'Valley Monitor',
    title: 'Court hears case against Jamaat Testovaya',
    text: 'Prosecutors in Osh said members of Jamaat Testovaya met in a rented flat.',
    url: 'https://valley.example/2025/06/jamaat',
    published_at: '2025-06-01T08:00:00Z',
  },
  {
    source: 'Valley Monitor',
    title: 'Appeal lodged',
    text: 'Lawyers for three men accused of joining Test Brotherhood lodged an appeal in Bishkek.',
    url: 'https://valley.example/2025/06/appeal',
    published_at: '2025-06-08T08:00:00Z',
  },
];

before(() => {
  writeFileSync(join(cwd, 'jamaat.jsonl'), `${jamaatArticles.map((a) => JSON.stringify(a)).join('\n')}\n`);
  const run = cli('import', samplePath, 'jamaat.jsonl');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /16 articles enriched/);
});
after(() => rmSync(cwd, { recursive: true, force: true }));

describe('wirewatch entities add, alias and merge', () => {
  it('adds an entity of its own and re-enriches, so the archive finds it at once', () => {
    const run = cli(
      'entities',
      'add',
      'jamaat-testovaya',
      '--type',
      'organisation',
      '--subtype',
      'designated-group',
      '--name',
      'Jamaat Testovaya',
      '--alias',
      'Джамаат Тестовая',
      '--country',
      'kg',
      '--parent',
      'kyrgyzstan',
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^added "Jamaat Testovaya" \(jamaat-testovaya\): organisation, 2 spellings; gazetteer version 2\nre-enriched 16 articles in \d+\.\d s\n$/,
    );
    assert.equal(total('org:"Jamaat Testovaya"'), 1);
  });

  it('refuses a taken slug or spelling, an unknown entity and a malformed slug, each with its code', () => {
    const taken = cli('entities', 'add', 'jamaat-testovaya', '--type', 'organisation', '--name', 'Other');
    assert.equal(taken.status, 1);
    assert.match(
      taken.stderr,
      /^error: ENTITY_EXISTS: an entity with the slug "jamaat-testovaya" already exists/,
    );
    const spelling = cli('entities', 'alias', 'jamaat-testovaya', 'Hizb-ut-Tahrir');
    assert.equal(spelling.status, 1);
    assert.match(
      spelling.stderr,
      /^error: ENTITY_ALIAS_TAKEN: "hizb ut tahrir" already names the entity "hizb-ut-tahrir"/,
    );
    const unknown = cli('entities', 'merge', 'jamaat-testovaja', 'hizb-ut-tahrir');
    assert.equal(unknown.status, 1);
    assert.match(
      unknown.stderr,
      /^error: ENTITY_NOT_FOUND: no entity is named "jamaat-testovaja"; the closest: "Jamaat Testovaya" \(jamaat-testovaya\)/,
    );
    const malformed = cli('entities', 'add', 'Jamaat_T', '--type', 'organisation', '--name', 'X');
    assert.equal(malformed.status, 2);
    assert.match(malformed.stderr, /a slug is 1–100 lower-case letters, digits and hyphens/);
  });

  it('adds a spelling, and the article that uses only that spelling is found', () => {
    const run = cli('entities', 'alias', 'jamaat-testovaya', 'Test Brotherhood');
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^"Test Brotherhood" now names "Jamaat Testovaya" \(jamaat-testovaya\); gazetteer version 3\nre-enriched 16 articles/,
    );
    assert.equal(total('org:"Jamaat Testovaya"'), 2, 'the re-enrichment found the new spelling');
  });

  it("merges one entity into another: its spellings and articles become the other's", () => {
    const run = cli('entities', 'merge', 'jamaat-testovaya', 'hizb-ut-tahrir');
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^merged "Jamaat Testovaya" \(jamaat-testovaya\) into "Hizb ut-Tahrir" \(hizb-ut-tahrir\): its 3 spellings now name Hizb ut-Tahrir; gazetteer version 4\nre-enriched 16 articles/,
    );
    assert.equal(total('org:"Hizb ut-Tahrir"'), 3, 'the Osh article and both of the merged group');
    const show = cli('entities', 'show', 'jamaat-testovaya');
    assert.match(
      show.stdout,
      /^Hizb ut-Tahrir \(hizb-ut-tahrir\)\n {2}\(jamaat-testovaya was merged into it\)\n/,
    );
  });
});

describe('wirewatch entities load', () => {
  const good = join(cwd, 'gazetteer');
  const broken = join(cwd, 'broken');
  const clash = join(cwd, 'clash');
  const entity = (id: string, type: string, subtype: string, name: string, aliases: string[]) =>
    `  - id: ${id}\n    type: ${type}\n    subtype: ${subtype}\n    name: ${name}\n    aliases: [${aliases.join(', ')}]\n`;

  before(() => {
    for (const dir of [good, broken, clash]) mkdirSync(dir);
    writeFileSync(
      join(good, 'places.yaml'),
      `version: 1\nentities:\n${entity('kyrgyzstan', 'place', 'country', 'Kyrgyzstan', ['Кыргызстан'])}${entity('kg-osh', 'place', 'city', 'Osh', ['Ош'])}`,
    );
    writeFileSync(
      join(good, 'groups.yaml'),
      `version: 1\nentities:\n${entity('hizb-ut-tahrir', 'organisation', 'designated-group', 'Hizb ut-Tahrir', ['Хизб ут-Тахрир'])}`,
    );
    writeFileSync(
      join(broken, 'places.yaml'),
      `version: 1\nentities:\n${entity('kyrgyzstan', 'place', 'country', 'Kyrgyzstan', [])}  - id: kg-osh\n    type: place\n    subtype: city\n    name: "Osh\n`,
    );
    writeFileSync(
      join(clash, 'a.yaml'),
      `version: 1\nentities:\n${entity('kyrgyzstan', 'place', 'country', 'Kyrgyzstan', ['Kirgizia'])}`,
    );
    writeFileSync(
      join(clash, 'b.yaml'),
      `version: 1\nentities:\n${entity('kirgizia-ssr', 'place', 'country', 'Kirghiz SSR', ['Kirgizia'])}`,
    );
  });

  it('makes a directory of YAML files the gazetteer, and later enrichment keeps it', () => {
    const run = cli('entities', 'load', good);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^loaded 3 entities from 2 files in .*gazetteer: 0 new, 3 updated, \d+ removed; gazetteer version 5\nre-enriched 16 articles/,
    );
    const enrich = cli('enrich');
    assert.equal(enrich.status, 0, enrich.stderr);
    assert.match(
      enrich.stdout,
      /^0 articles enriched .* gazetteer version 5\n$/,
      'the shipped gazetteer is not loaded over it',
    );
    assert.deepEqual(slugs(), ['hizb-ut-tahrir', 'kg-osh', 'kyrgyzstan']);
    assert.equal(total('place:Osh'), 2, 'the loaded gazetteer enriched the archive');
  });

  it('refuses a YAML syntax error or a spelling of two entities with file and line, and keeps the old gazetteer', () => {
    const syntax = cli('entities', 'load', broken);
    assert.equal(syntax.status, 1);
    assert.match(
      syntax.stderr,
      /^error: GAZETTEER_INVALID: gazetteer rejected \(1 problem\): places\.yaml line \d+: YAML syntax error/,
    );
    const twice = cli('entities', 'load', clash);
    assert.equal(twice.status, 1);
    assert.match(twice.stderr, /GAZETTEER_INVALID: .*b\.yaml line 7: .*kirgizia.*a\.yaml line 7/i);
    assert.deepEqual(
      slugs(),
      ['hizb-ut-tahrir', 'kg-osh', 'kyrgyzstan'],
      'the archive keeps the gazetteer it had',
    );
  });

  it('goes back to the shipped gazetteer with --shipped', () => {
    const run = cli('entities', 'load', '--shipped', '--no-enrich');
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^loaded the shipped gazetteer: \d+ entities; gazetteer version 6\nnot re-enriched \(--no-enrich\): `wirewatch enrich` brings the articles up to date\n$/,
    );
    assert.ok(Number(/shipped gazetteer: (\d+) entities/.exec(run.stdout)![1]) > 400);
  });
  it('removes a wrong spelling from an entity, says where it came from, and refuses the name itself', () => {
    const run = cli('entities', 'unalias', 'hizb-ut-tahrir', 'Хизб ут-Тахрир', '--no-enrich');
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^"Хизб ут-Тахрир" no longer names "Hizb ut-Tahrir" \(hizb-ut-tahrir\) \(a shipped spelling: a newer release of the gazetteer may bring it back\); gazetteer version 7\n/,
    );
    const again = cli('entities', 'unalias', 'hizb-ut-tahrir', 'Хизб ут-Тахрир', '--no-enrich');
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /is not a spelling of "Hizb ut-Tahrir" \(hizb-ut-tahrir\); nothing changed/);
    const name = cli('entities', 'unalias', 'hizb-ut-tahrir', 'Hizb ut-Tahrir');
    assert.equal(name.status, 1);
    assert.match(name.stderr, /^error: GAZETTEER_INVALID: "Hizb ut-Tahrir" is the name of "hizb-ut-tahrir"/);
  });
});
