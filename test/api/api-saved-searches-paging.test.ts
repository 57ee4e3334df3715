/**
 * GET /api/v1/saved-searches paged by limit and offset, over real HTTP on 127.0.0.1 against a real
 * SQLite archive holding 130 searches: an admin walks every page forwards and back and meets each
 * search exactly once, in the store's order, with the right total; analysts and a viewer see only
 * their own and the shared ones, with their own totals; a page past the end is empty and leads back;
 * bad parameters are a 400 problem document naming the parameter; the OpenAPI document describes
 * the parameters and the envelope.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addUser, createToken } from '../../src/watch/accounts/manage-accounts.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

interface Answer {
  status: number;
  type: string;
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer read by the assertions
  body: any;
}

interface Listed {
  id: number;
  owner: string;
  shared: boolean;
  yours: boolean;
}

/** Who owns how many searches, and how many of them are shared: 130 in all, 25 shared. */
const seeded = [
  { owner: 'ana', count: 25, shared: 5 },
  { owner: 'bo', count: 100, shared: 20 },
  { owner: 'tester', count: 5, shared: 0 },
];

describe('paging the saved-searches list over the API', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  /** Every search's id with its owner and sharing, as seeded. */
  const searches: { id: number; owner: string; shared: boolean }[] = [];

  before(async () => {
    server = await startTestServer([]);
    const { store } = server;
    await addUser(store, { name: 'ana', role: 'analyst', password: 'analyst password 1' }, 'cli:test');
    await addUser(store, { name: 'bo', role: 'analyst', password: 'analyst password 2' }, 'cli:test');
    await addUser(store, { name: 'cy', role: 'viewer', password: 'viewer password 3' }, 'cli:test');
    for (const name of ['ana', 'bo', 'cy'])
      tokens[name] = (await createToken(store, { userName: name, scopes: ['read'] }, 'cli:test')).token;
    for (const { owner, count, shared } of seeded) {
      const user = (await store.accounts.findUserByName(owner))!;
      for (let n = 1; n <= count; n++) {
        const name = `${owner} search ${String(n).padStart(3, '0')}`;
        // Every fourth shared, not the first ones, so shared searches sit between private ones.
        const isShared = n % 4 === 0 && n / 4 <= shared;
        const search = await store.savedSearches.add(
          { ownerId: user.id, name, query: 'Osh', shared: isShared, webhookUrl: null, digest: 'none' },
          { actor: 'cli:test', action: 'watch.add', target: name },
        );
        searches.push({ id: search.id, owner, shared: isShared });
      }
    }
  });
  after(() => server.stop());

  const call = async (path: string, who: string | null): Promise<Answer> => {
    const authorization =
      who === null ? null : who === 'admin' ? server.writeHeaders.authorization! : `Bearer ${tokens[who]}`;
    const response = await fetch(`${server.url}${path}`, {
      headers: authorization === null ? {} : { authorization },
      signal: AbortSignal.timeout(10_000),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: await response.json(),
    };
  };

  /** Follows `links.next` (or `links.prev`) from `path` to the end; every page's answer. */
  const walk = async (path: string, who: string, direction: 'next' | 'prev' = 'next') => {
    const pages: Answer['body'][] = [];
    for (let link: string | null = path; link !== null; ) {
      const answer = await call(link, who);
      assert.equal(answer.status, 200, link);
      pages.push(answer.body);
      link = answer.body.links[direction];
      assert.ok(pages.length <= 200, 'the links end');
    }
    return pages;
  };
  const idsOf = (pages: { saved_searches: Listed[] }[]) =>
    pages.flatMap((page) => page.saved_searches.map((search) => search.id));
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

  it('gives an admin every one of 130 searches exactly once, 25 a page by default, in the store’s order', async () => {
    assert.equal(searches.length, 130);
    const pages = await walk('/api/v1/saved-searches', 'admin');
    assert.deepEqual(
      pages.map((page) => page.saved_searches.length),
      [25, 25, 25, 25, 25, 5],
    );
    for (const page of pages) assert.equal(page.total, 130);
    const ids = idsOf(pages);
    assert.equal(new Set(ids).size, 130, 'no search twice');
    assert.deepEqual(sorted(ids), sorted(searches.map((search) => search.id)), 'every search');
    const inOrder = (await server.store.savedSearches.list()).map((search) => search.id);
    assert.deepEqual(ids, inOrder, 'by owner, then name, as the store lists them');

    const [first] = pages;
    assert.deepEqual(
      { ...first, saved_searches: undefined },
      {
        total: 130,
        limit: 25,
        offset: 0,
        next_offset: 25,
        saved_searches: undefined,
        links: { next: '/api/v1/saved-searches?limit=25&offset=25', prev: null },
      },
    );
    const last = pages.at(-1);
    assert.deepEqual(
      [last.offset, last.next_offset, last.links.next, last.links.prev],
      [125, null, null, '/api/v1/saved-searches?limit=25&offset=100'],
    );
  });

  it('pages by any limit up to 100, forwards and back alike', async () => {
    const forwards = await walk('/api/v1/saved-searches?limit=50', 'admin');
    assert.deepEqual(
      forwards.map((page) => [page.offset, page.saved_searches.length, page.next_offset]),
      [
        [0, 50, 50],
        [50, 50, 100],
        [100, 30, null],
      ],
    );
    const backwards = await walk('/api/v1/saved-searches?limit=50&offset=100', 'admin', 'prev');
    assert.deepEqual(idsOf([...backwards].reverse()), idsOf(forwards));

    const whole = await call('/api/v1/saved-searches?limit=100', 'admin');
    assert.deepEqual(
      idsOf([whole.body]),
      idsOf(forwards).slice(0, 100),
      'a bigger page holds the same searches',
    );
    // An offset between pages: the searches from there on.
    const between = await call('/api/v1/saved-searches?limit=10&offset=7', 'admin');
    assert.deepEqual(idsOf([between.body]), idsOf(forwards).slice(7, 17));
    assert.equal(between.body.links.prev, '/api/v1/saved-searches?limit=10&offset=0');
  });

  it('gives analysts and a viewer only their own searches and the shared ones, with their totals', async () => {
    const expected: Record<string, (search: (typeof searches)[number]) => boolean> = {
      ana: (search) => search.owner === 'ana' || search.shared,
      bo: (search) => search.owner === 'bo' || search.shared,
      cy: (search) => search.shared,
    };
    const totals: Record<string, number> = {};
    for (const [who, maySee] of Object.entries(expected)) {
      const pages = await walk('/api/v1/saved-searches?limit=20', who);
      const listed = pages.flatMap((page) => page.saved_searches as Listed[]);
      const visible = searches.filter(maySee);
      totals[who] = pages[0].total;
      for (const page of pages) assert.equal(page.total, visible.length, who);
      assert.equal(new Set(listed.map((search) => search.id)).size, listed.length, `${who}: no search twice`);
      assert.deepEqual(
        sorted(listed.map((search) => search.id)),
        sorted(visible.map((search) => search.id)),
        `${who}: own and shared, nothing else`,
      );
      for (const search of listed) {
        assert.equal(search.yours, search.owner === who, `${who}: yours on #${search.id}`);
        assert.ok(search.yours || search.shared, `${who} sees #${search.id} only if shared`);
      }
    }
    // ana: her 25 and bo's 20 shared; bo: his 100 and ana's 5 shared; cy: the 25 shared.
    assert.deepEqual(totals, { ana: 45, bo: 105, cy: 25 });
  });

  it('answers a page past the end with no searches, the total, and a way back', async () => {
    const beyond = await call('/api/v1/saved-searches?offset=1000', 'admin');
    assert.equal(beyond.status, 200);
    assert.deepEqual(
      { ...beyond.body },
      {
        total: 130,
        limit: 25,
        offset: 1000,
        next_offset: null,
        saved_searches: [],
        links: { next: null, prev: '/api/v1/saved-searches?limit=25&offset=125' },
      },
    );
    const back = await call(beyond.body.links.prev, 'admin');
    assert.equal(back.body.saved_searches.length, 5);
    const empty = await call('/api/v1/saved-searches?offset=25', 'cy');
    assert.deepEqual(
      [empty.body.total, empty.body.saved_searches, empty.body.links],
      [25, [], { next: null, prev: '/api/v1/saved-searches?limit=25&offset=0' }],
    );
  });

  it('refuses bad paging parameters with a 400 problem document naming the parameter', async () => {
    for (const [query, pointer, message] of [
      ['limit=0', '/limit', /must be 1 or more/],
      ['limit=101', '/limit', /must be at most 100/],
      ['limit=1000', '/limit', /must be at most 100/],
      ['limit=ten', '/limit', /number/],
      ['limit=2.5', '/limit', /must be a whole number/],
      ['offset=-1', '/offset', /must be 0 or more/],
      ['offset=x', '/offset', /number/],
      ['offset=1.5', '/offset', /must be a whole number/],
      ['offset=1e300', '/offset', /must be a whole number|is too large/],
    ] as const) {
      const refused = await call(`/api/v1/saved-searches?${query}`, 'ana');
      assert.equal(refused.status, 400, query);
      assert.match(refused.type, /application\/problem\+json/, query);
      assert.equal(refused.body.code, 'REQUEST_INVALID', query);
      assert.deepEqual(
        [refused.body.errors[0].in, refused.body.errors[0].pointer],
        ['query', pointer],
        query,
      );
      assert.match(refused.body.errors[0].message, message, query);
      assert.match(refused.body.detail, new RegExp(`^query field ${pointer}: `), query);
    }
    // Saved searches still belong to users, paged or not.
    assert.equal((await call('/api/v1/saved-searches?limit=10', null)).status, 401);
  });

  it('is described in the OpenAPI document: limit and offset, the total and the links', async () => {
    const document = (await call('/api/openapi.json', null)).body;
    const list = document.paths['/api/v1/saved-searches'].get;
    const parameters = Object.fromEntries(
      list.parameters.map((parameter: { name: string; in: string; schema: unknown }) => [
        parameter.name,
        [parameter.in, parameter.schema],
      ]),
    );
    assert.deepEqual(Object.keys(parameters).sort(), ['limit', 'offset']);
    assert.deepEqual(parameters.limit[0], 'query');
    assert.deepEqual(
      [parameters.limit[1].minimum, parameters.limit[1].maximum, parameters.limit[1].default],
      [1, 100, 25],
    );
    assert.deepEqual([parameters.offset[1].minimum, parameters.offset[1].default], [0, 0]);
    const answer = list.responses['200'].content['application/json'].schema;
    for (const field of ['total', 'limit', 'offset', 'next_offset', 'saved_searches', 'links'])
      assert.ok(answer.properties[field], field);
    assert.deepEqual(Object.keys(answer.properties.links.properties).sort(), ['next', 'prev']);
    assert.ok(list.responses['400'], 'bad parameters documented');
  });
});
