import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../../core/errors.ts';
import { mintToken, tokenMatches, tokenPrefix } from './api-tokens.ts';
import { checkPassword, hashPassword, makePassword, verifyDecoy, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id and checks the password, not another', async () => {
    const hash = await hashPassword('correct horse battery');
    assert.match(hash, /^\$argon2id\$/);
    assert.equal(await verifyPassword(hash, 'correct horse battery'), true);
    assert.equal(await verifyPassword(hash, 'correct horse batterY'), false);
    assert.equal(await verifyPassword('not a hash', 'correct horse battery'), false);
    assert.equal(await verifyDecoy('anything at all'), false);
  });

  it('refuses short, repetitive and huge passwords with the reason', () => {
    const refused = (password: string, reason: RegExp) =>
      assert.throws(
        () => checkPassword(password),
        (error) => isAppError(error, 'PASSWORD_TOO_WEAK') && reason.test(error.message),
      );
    refused('short', /at least 12 characters \(this one has 5\)/);
    refused('aaaaaaaaaaaaaaaa', /four different characters/);
    refused('x'.repeat(2_000), /at most 1024/);
    checkPassword('twelve chars');
  });

  it('makes one-time passwords that pass its own checks and differ', () => {
    const made = new Set(Array.from({ length: 50 }, makePassword));
    assert.equal(made.size, 50);
    for (const password of made) {
      assert.match(password, /^[a-zA-Z2-9]{20}$/);
      checkPassword(password);
    }
  });
});

describe('API tokens', () => {
  it('mints a token whose prefix names it and whose hash alone checks it', () => {
    const { token, prefix, secretHash } = mintToken();
    assert.match(token, /^ww_[a-z2-9]{8}_[A-Za-z0-9_-]{43}$/);
    assert.equal(tokenPrefix(token), prefix);
    assert.equal(token.startsWith(`${prefix}_`), true);
    assert.equal(secretHash.length, 64);
    assert.equal(secretHash.includes(token.slice(12)), false);
    assert.equal(tokenMatches(token, secretHash), true);
    // One character changed (never to itself: a token ending in A gets B).
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    assert.equal(tokenMatches(altered, secretHash), false);
    assert.notEqual(mintToken().prefix, prefix);
  });

  it('reads no prefix from what is not a token', () => {
    for (const bad of [
      '',
      'Bearer x',
      'ww_short_abc',
      `ww_ABCDEFGH_${'a'.repeat(43)}`,
      `ww_abcdefgh_${'a'.repeat(44)}`,
    ])
      assert.equal(tokenPrefix(bad), null, bad);
  });
});
