/**
 * Enrichment as a user meets it, on one real archive file: the sample imported (and enriched on the
 * way in, so an entity query answers at once), `wirewatch enrich` with nothing behind and with
 * --all, `entities list` and `entities show` (by slug, by a Russian spelling, as JSON, and an
 * unknown name with the closest spellings), and `wirewatch events` with --type and a query.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventTypes } from '../../src/enrich/events/event-fact.ts';
import { runCli } from '../support/run-cli.ts';
import { samplePath } from '../support/sample-articles.ts';

const cwd = mkdtempSync(join(tmpdir(), 'wirewatch-cli-enrich-'));
const cli = (...args: string[]) => runCli(args, { cwd });
const json = <T>(...args: string[]): T => {
  const run = cli(...args);
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as T;
};

/** The sample's article about Hizb ut-Tahrir in Osh (its third line, so article #3). */
const oshTitle = 'Osh Police Detain Suspected Hizb ut-Tahrir Cell';

before(() => {
  const run = cli('import', samplePath);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /14 imported, 0 duplicates, 0 errors/);
  assert.match(
    run.stderr,
    /\n14 articles enriched in \d+\.\d s; loaded the shipped gazetteer \(version 1\)\n/,
    'the import enriches what it brought in, loading the shipped gazetteer first',
  );
});
after(() => rmSync(cwd, { recursive: true, force: true }));

describe('wirewatch enrich', () => {
  it('leaves an import searchable by entity at once', () => {
    const found = json<{ total: number; hits: { title: { text: string } }[] }>(
      'search',
      'org:"Hizb ut-Tahrir"',
      '--json',
    );
    assert.equal(found.total, 1);
    assert.equal(found.hits[0]!.title.text, oshTitle);
  });

  it('has nothing to do when nothing is behind, and redoes everything with --all', () => {
    const again = cli('enrich');
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /^0 articles enriched in \d+\.\d s \(0\/s\), gazetteer version 1\n$/);
    assert.doesNotMatch(
      again.stderr,
      /loaded the shipped gazetteer/,
      'an unchanged gazetteer is not reloaded',
    );
    const all = json<{ enriched: number; version: number; perSecond: number; gazetteerLoaded: boolean }>(
      'enrich',
      '--all',
      '--json',
    );
    assert.deepEqual([all.enriched, all.version, all.gazetteerLoaded], [14, 1, false]);
    assert.ok(all.perSecond > 0);
  });
});

describe('wirewatch entities list and show', () => {
  it('lists every entity as JSON, and one type as text', () => {
    const listed = json<
      { slug: string; type: string; subtype: string | null; name: string; aliases: string[] }[]
    >('entities', 'list', '--json');
    assert.ok(listed.length > 400, `${listed.length} entities`);
    const hizb = listed.find((entity) => entity.slug === 'hizb-ut-tahrir')!;
    assert.deepEqual(
      [hizb.type, hizb.subtype, hizb.name],
      ['organisation', 'designated-group', 'Hizb ut-Tahrir'],
    );
    assert.ok(hizb.aliases.includes('Хизб ут-Тахрир'));
    assert.ok(!hizb.aliases.includes('Hizb ut-Tahrir'), 'the name is not counted among its aliases');
    const people = cli('entities', 'list', '--type', 'person');
    assert.equal(people.status, 0, people.stderr);
    const lines = people.stdout.trimEnd().split('\n');
    const count = listed.filter((entity) => entity.type === 'person').length;
    assert.equal(lines.at(-1), `${count} entities`);
    assert.ok(
      lines.slice(0, -1).every((line) => /^\S+ +person\/\S+ +.+ \((1 alias|\d+ aliases)\)$/.test(line)),
    );
    assert.match(
      people.stdout,
      /^kassym-jomart-tokayev +person\/head-of-state +Kassym-Jomart Tokayev \(\d+ aliases\)$/m,
    );
  });

  it('shows an entity by its slug: designations, mentions per month, co-mentions, articles, events', () => {
    const run = cli('entities', 'show', 'hizb-ut-tahrir');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Hizb ut-Tahrir \(hizb-ut-tahrir\)\norganisation · designated-group\n/);
    assert.match(run.stdout, /^aliases: .*Хизб ут-Тахрир/m);
    assert.match(run.stdout, /^banned or designated:\n(?: {2}.+\n)*? {2}KG +as extremist\n/m);
    assert.match(run.stdout, /^ {2}RU +as terrorist, since 2003-02-14$/m);
    assert.match(run.stdout, /^mentions per month \(1 dated articles\):\n {2}2025-03 {2}1 █+\n/m);
    assert.match(run.stdout, /^named with:\n(?: {2}.+\n)*? +1 {2}Osh \(kg-osh, place\)\n/m);
    assert.match(
      run.stdout,
      new RegExp(`^latest articles:\\n {2}#3 {2}2025-03-18 {2}Ferghana Monitor · ${oshTitle}$`, 'm'),
    );
    assert.match(run.stdout, /^latest events:\n {2}2025-03-18 {2}arrest +9 /m);
    assert.match(run.stdout, /"Police in Osh detained nine people/);
  });

  it('finds an entity by a Russian spelling, and gives all of it as JSON', () => {
    const profile = json<{
      slug: string;
      name: string;
      type: string;
      country: string | null;
      aliases: string[];
      designations: unknown[];
      mentionsByMonth: { month: string; count: number }[];
      coMentioned: { slug: string; count: number }[];
      latestArticles: { id: number; publishedAt: string; source: string; title: string }[];
      latestEvents: unknown[];
    }>('entities', 'show', 'Токаев', '--json');
    assert.deepEqual(
      [profile.slug, profile.name, profile.type, profile.country],
      ['kassym-jomart-tokayev', 'Kassym-Jomart Tokayev', 'person', 'KZ'],
    );
    assert.ok(profile.aliases.includes('Токаев'));
    assert.deepEqual(profile.designations, []);
    // Named in English (#2) and in Russian (#12, as Токаев): one entity whatever the script.
    const titles = profile.latestArticles.map((article) => article.title);
    assert.ok(titles.includes('Tokayev Orders Review of Counter-Terrorism Strategy'), titles.join(' | '));
    assert.ok(
      titles.includes('Токаев призвал усилить борьбу с религиозным экстремизмом'),
      titles.join(' | '),
    );
    const dates = profile.latestArticles.map((article) => article.publishedAt);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
    assert.equal(
      profile.mentionsByMonth.reduce((sum, month) => sum + month.count, 0),
      profile.latestArticles.length,
    );
    assert.ok(profile.coMentioned.some((other) => other.slug === 'kazakhstan'));
    assert.ok(Array.isArray(profile.latestEvents));
  });

  it('names what it could not find, with the closest spellings', () => {
    const run = cli('entities', 'show', 'Hizb ut-Tahriq party');
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(
      run.stderr,
      /^error: ENTITY_NOT_FOUND: no entity is named "Hizb ut-Tahriq party"; the closest: "Hizb ut-Tahrir" \(hizb-ut-tahrir\)/,
    );
    // What a user typed is echoed, but never a terminal escape sequence in it.
    const hostile = cli('entities', 'show', '\u001b]0;owned\u0007Tokayev\u001b[2J');
    assert.equal(hostile.status, 1);
    assert.match(hostile.stderr, /ENTITY_NOT_FOUND: no entity is named "\]0;ownedTokayev\[2J"/);
    assert.ok(!hostile.stderr.includes('\u001b') && !hostile.stderr.includes('\u0007'), hostile.stderr);
  });
});

describe('wirewatch events', () => {
  it('lists one type of event, newest first, with the sentence', () => {
    const run = cli('events', '--type', 'arrest');
    assert.equal(run.status, 0, run.stderr);
    const facts = run.stdout.match(/^\d{4}-\d{2}-\d{2} {2}\S+/gm) ?? [];
    assert.ok(facts.length > 0, run.stdout);
    assert.ok(
      facts.every((line) => line.endsWith('arrest')),
      facts.join(' | '),
    );
    const days = facts.map((line) => line.slice(0, 10));
    assert.deepEqual(days, [...days].sort().reverse());
    assert.match(
      run.stdout,
      /^2025-03-18 {2}arrest +9 .*\n {4}Ferghana Monitor · Osh Police Detain Suspected Hizb ut-Tahrir Cell \(#3\)\n {4}"Police in Osh detained nine people/m,
    );
  });

  it("lists only the events of a query's articles", () => {
    const matches = json<{ hits: { id: number }[] }>('search', 'place:Osh', '--json', '--per-page', '100');
    const ids = new Set(matches.hits.map((hit) => hit.id));
    const events = json<{ type: string; articleId: number; sentence: string }[]>(
      'events',
      'place:Osh',
      '--json',
    );
    assert.ok(events.length > 0);
    assert.ok(
      events.every((event) => ids.has(event.articleId)),
      'every event is of a matching article',
    );
    assert.ok(events.every((event) => (eventTypes as readonly string[]).includes(event.type)));
    const none = cli('events', '--type', 'repatriation', 'place:Osh');
    assert.equal(none.status, 0, none.stderr);
    assert.equal(none.stdout, `no repatriation events in ${ids.size} matching articles\n`);
  });

  it('pages with --offset: the next page starts where --limit stopped', () => {
    const all = json<{ id: number }[]>('events', '--json', '--limit', '6');
    assert.ok(all.length >= 4, `the sample has several events: ${all.length}`);
    const first = json<{ id: number }[]>('events', '--json', '--limit', '2');
    const second = json<{ id: number }[]>('events', '--json', '--limit', '2', '--offset', '2');
    assert.deepEqual(
      [...first, ...second].map((event) => event.id),
      all.slice(0, 4).map((event) => event.id),
    );
    const page = cli('events', '--limit', '2', '--offset', '2');
    assert.equal(page.status, 0, page.stderr);
    assert.match(page.stdout, /^2 events, newest first from number 3:/);
    const bad = cli('events', '--offset', 'two');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--offset takes a whole number from 0/);
  });

  it('refuses an unknown type, naming the five', () => {
    const run = cli('events', '--type', 'riot');
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--type takes one of arrest, attack, conviction, repatriation, ban, not "riot"/);
  });
});
