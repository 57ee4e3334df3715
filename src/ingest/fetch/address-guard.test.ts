import assert from 'node:assert/strict';
import { test } from 'node:test';
import ipaddr from 'ipaddr.js';
import { judgeAddress, nonPublicRange } from './address-guard.ts';
import { compileAllowList, emptyAllowList, parseCidrList } from './allow-list.ts';

test('non-public addresses are named by their range', () => {
  const cases: Array<[string, string]> = [
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.0.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['::7f00:1', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback (IPv4 inside IPv6)'],
    ['::ffff:10.0.0.1', 'private (IPv4 inside IPv6)'],
    ['64:ff9b::a9fe:a9fe', 'link-local (IPv4 inside IPv6)'],
    ['2002:c0a8:101::1', 'private (IPv4 inside IPv6)'],
  ];
  for (const [address, range] of cases) assert.equal(nonPublicRange(ipaddr.parse(address)), range, address);
});

test('public unicast addresses pass, IPv4 carried in IPv6 included', () => {
  for (const address of [
    '8.8.8.8',
    '93.184.216.34',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ]) {
    assert.equal(nonPublicRange(ipaddr.parse(address)), null, address);
    assert.equal(judgeAddress(address, emptyAllowList).allowed, true, address);
  }
});

test('the allow-list lets named ranges through, and IPv4 ranges cover their IPv6-mapped form', () => {
  const allowList = compileAllowList(['127.0.0.0/8', 'fd00::/8']);
  assert.equal(judgeAddress('127.0.0.1', allowList).allowed, true);
  assert.equal(judgeAddress('::ffff:127.0.0.1', allowList).allowed, true);
  assert.equal(judgeAddress('fd00::5', allowList).allowed, true);
  assert.equal(judgeAddress('::1', allowList).allowed, false);
  assert.equal(judgeAddress('10.0.0.1', allowList).allowed, false);
  assert.equal(judgeAddress('169.254.169.254', allowList).allowed, false);
  assert.deepEqual(judgeAddress('::ffff:10.0.0.1', emptyAllowList), {
    allowed: false,
    range: 'private (IPv4 inside IPv6)',
    allowEntry: '10.0.0.1/32',
  });
});

test('CIDR lists: normalised entries and one problem per bad entry', () => {
  assert.deepEqual(parseCidrList(' 127.0.0.1/8 ,, ::1 , 10.0.0.0/8'), {
    cidrs: ['127.0.0.1/8', '::1/128', '10.0.0.0/8'],
    problems: [],
  });
  const { problems } = parseCidrList('300.1.1.1/8,10.0.0.0/x,127.1,example.org');
  assert.equal(problems.length, 4);
  assert.match(problems[0]!, /"300\.1\.1\.1\/8" is not an IP address range/);
  assert.match(problems[1]!, /"10\.0\.0\.0\/x" has a bad prefix length/);
  assert.throws(
    () => compileAllowList(['10.0.0.0/8', 'nonsense']),
    /invalid private-address allow-list: "nonsense"/,
  );
});
