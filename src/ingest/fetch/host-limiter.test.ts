import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHostLimiter } from './host-limiter.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('a host gets at most perHost slots; others are queued in order', async () => {
  const limiter = createHostLimiter(2, 10);
  const first = await limiter.acquire('a.example');
  const second = await limiter.acquire('a.example');
  const order: string[] = [];
  const third = limiter.acquire('a.example').then((release) => {
    order.push('third');
    return release;
  });
  const fourth = limiter.acquire('a.example').then((release) => {
    order.push('fourth');
    return release;
  });
  const otherHost = await limiter.acquire('b.example');
  await tick();
  assert.deepEqual(order, []);
  assert.equal(limiter.active(), 3);
  first();
  first(); // releasing twice gives back one slot only
  await tick();
  assert.deepEqual(order, ['third']);
  second();
  await tick();
  assert.deepEqual(order, ['third', 'fourth']);
  for (const release of [await third, await fourth, otherHost]) release();
  assert.equal(limiter.active(), 0);
});

test('the total limit holds across hosts, and an aborted wait gives up its place', async () => {
  const limiter = createHostLimiter(1, 1);
  const held = await limiter.acquire('a.example');
  const controller = new AbortController();
  // b.example gets its host slot at once, then waits for the global one.
  const cancelled = limiter.acquire('b.example', controller.signal);
  let granted = false;
  const waiting = limiter.acquire('c.example').then((release) => {
    granted = true;
    return release;
  });
  controller.abort(new Error('stop'));
  await assert.rejects(cancelled, /stop/);
  await tick();
  assert.equal(granted, false, 'c.example waits while a.example holds the only global slot');
  held();
  (await waiting)();
  assert.equal(granted, true);
  // Had the aborted call kept b.example's host slot, this would wait for ever.
  const again = await Promise.race([
    limiter.acquire('b.example'),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), 200)),
  ]);
  assert.notEqual(again, null);
  again!();
  assert.equal(limiter.active(), 0);
});

test('limits below 1 are refused', () => {
  assert.throws(() => createHostLimiter(0, 4), /whole numbers ≥ 1/);
  assert.throws(() => createHostLimiter(2, 1.5), /whole numbers ≥ 1/);
});
