/**
 * WIREWATCH_ALLOW_PRIVATE: read and checked with the rest of the configuration, every bad entry
 * named, and the result accepted as it is by the fetch client.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../../src/config/load-config.ts';
import { isAppError } from '../../../src/core/errors.ts';
import { createFetchClient } from '../../../src/ingest/fetch/fetch-client.ts';

test('unset, nothing non-public is allowed', () => {
  assert.deepEqual(loadConfig({}).allowPrivate, []);
  assert.deepEqual(loadConfig({ WIREWATCH_ALLOW_PRIVATE: '' }).allowPrivate, []);
});

test('a comma-separated CIDR list is read, spaces and bare addresses allowed', () => {
  const config = loadConfig({ WIREWATCH_ALLOW_PRIVATE: '127.0.0.1/8, ::1/128,10.0.0.5 ,fd00::/8' });
  assert.deepEqual(config.allowPrivate, ['127.0.0.1/8', '::1/128', '10.0.0.5/32', 'fd00::/8']);
  assert.ok(Object.isFrozen(config.allowPrivate));
  const client = createFetchClient({ allowPrivate: config.allowPrivate });
  return client.close();
});

test('every bad entry is named, beside the other configuration problems', () => {
  assert.throws(
    () =>
      loadConfig({
        WIREWATCH_ALLOW_PRIVATE: '127.0.0.1/33,localhost,::1/129,0x7f.1,10.0.0.0/8/8',
        PORT: 'x',
      }),
    (error: unknown) => {
      assert.ok(isAppError(error, 'CONFIG_INVALID'));
      const lines = error.message.split('\n');
      assert.ok(lines.some((line) => line.startsWith('  PORT:')));
      const ours = lines.filter((line) => line.startsWith('  WIREWATCH_ALLOW_PRIVATE:'));
      assert.deepEqual(ours, [
        '  WIREWATCH_ALLOW_PRIVATE: "127.0.0.1/33" has a bad prefix length (it must be 0..32 for this address)',
        '  WIREWATCH_ALLOW_PRIVATE: "localhost" is not an IP address range (write it as CIDR, e.g. 127.0.0.1/8 or ::1/128)',
        '  WIREWATCH_ALLOW_PRIVATE: "::1/129" has a bad prefix length (it must be 0..128 for this address)',
        '  WIREWATCH_ALLOW_PRIVATE: "0x7f.1" is not an IP address range (write it as CIDR, e.g. 127.0.0.1/8 or ::1/128)',
        '  WIREWATCH_ALLOW_PRIVATE: "10.0.0.0/8/8" is not an IP address range (write it as CIDR, e.g. 127.0.0.1/8 or ::1/128)',
      ]);
      return true;
    },
  );
});
