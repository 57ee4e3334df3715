import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../core/errors.ts';
import { localNext } from '../../web/account-routes.ts';
import { FailureCounter } from './install-access.ts';
import { decideServeAccess, isLoopbackHost } from './serve-access.ts';
import { waitAfter } from './sign-in.ts';

describe('access rules', () => {
  it('serves without accounts only to this machine, unless anonymous reading is asked for', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.1.1'])
      assert.equal(
        decideServeAccess({ users: 0, anonymousRead: false, host }).access.anonymousRead,
        true,
        host,
      );
    for (const host of ['0.0.0.0', '192.168.1.10', '::', 'desk.example.org'])
      assert.throws(
        () => decideServeAccess({ users: 0, anonymousRead: false, host }),
        (error) =>
          isAppError(error, 'CONFIG_INVALID') && /wirewatch users add NAME --role admin/.test(error.message),
        host,
      );
    assert.equal(
      decideServeAccess({ users: 0, anonymousRead: true, host: '0.0.0.0' }).access.anonymousRead,
      true,
    );
    assert.equal(
      decideServeAccess({ users: 2, anonymousRead: false, host: '127.0.0.1' }).access.anonymousRead,
      false,
    );
    assert.equal(
      decideServeAccess({ users: 2, anonymousRead: true, host: '0.0.0.0' }).access.anonymousRead,
      true,
    );
    assert.equal(isLoopbackHost('128.0.0.1'), false);
  });

  it('lets five failed sign-ins go, then makes each wait longer, up to 15 minutes', () => {
    assert.deepEqual([0, 1, 4, 5, 6, 7, 20].map(waitAfter), [0, 0, 0, 30_000, 60_000, 120_000, 900_000]);
  });

  it('goes back only to paths on this site after signing in', () => {
    assert.equal(localNext('/search?q=Osh'), '/search?q=Osh');
    for (const bad of [
      '//evil.example/',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '',
      7,
    ])
      assert.equal(localNext(bad), '/', String(bad));
  });

  it('counts failures per address in a window', () => {
    const counter = new FailureCounter(3, 1_000);
    for (let n = 0; n < 3; n += 1) counter.add('10.0.0.1', 0);
    assert.equal(counter.isBlocked('10.0.0.1', 500), true);
    assert.equal(counter.isBlocked('10.0.0.2', 500), false);
    assert.equal(counter.isBlocked('10.0.0.1', 1_000), false);
  });
});
