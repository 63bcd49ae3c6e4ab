/** Which addresses the bot may fetch from (src/library/ingest/address.ts): IPv4 and IPv6 ranges, and the operator's allowances. */
import { describe, expect, it } from 'vitest';
import { addressGuard, addressRange, describeRange, isPublicAddress, type AddressRange } from '../../../src/library/ingest/address.js';

const CASES: [string, AddressRange][] = [
  // IPv4
  ['8.8.8.8', 'public'],
  ['93.184.215.14', 'public'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.5', 'private'],
  ['10.255.255.255', 'private'],
  ['172.15.255.255', 'public'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.1', 'public'],
  ['192.168.1.1', 'private'],
  ['100.63.255.255', 'public'],
  ['100.64.0.1', 'shared'],
  ['100.127.255.255', 'shared'],
  ['100.128.0.1', 'public'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['169.254.169.254', 'link-local'],
  ['192.0.0.8', 'reserved'],
  ['192.0.2.1', 'documentation'],
  ['198.18.0.1', 'benchmarking'],
  ['198.19.255.255', 'benchmarking'],
  ['198.51.100.7', 'documentation'],
  ['203.0.113.9', 'documentation'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'broadcast'],
  // IPv6
  ['2606:4700:4700::1111', 'public'],
  ['2a00:1450:4001:82a::200e', 'public'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456:789a::1', 'unique-local'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf::1', 'link-local'],
  ['fec0::1', 'site-local'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'documentation'],
  ['3fff::1', 'documentation'],
  ['2001::1', 'reserved'], // Teredo
  ['2002:7f00:1::1', 'reserved'], // 6to4
  ['100::1', 'reserved'],
  ['4000::1', 'reserved'], // outside global unicast
  ['64:ff9b:1::1', 'private'],
  // IPv6 forms that carry an IPv4 address are judged by it
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:100.64.0.1', 'shared'],
  ['::ffff:8.8.8.8', 'public'],
  ['::ffff:0:127.0.0.1', 'loopback'], // SIIT
  ['::127.0.0.1', 'loopback'], // IPv4-compatible
  ['::10.0.0.1', 'private'],
  ['64:ff9b::10.0.0.1', 'private'], // NAT64
  ['64:ff9b::a00:1', 'private'],
  ['64:ff9b::8.8.8.8', 'public'],
  // not addresses
  ['example.test', 'invalid'],
  ['127.0.0.1.nip.io', 'invalid'],
  ['', 'invalid'],
];

describe('addressRange', () => {
  it.each(CASES)('%s is %s', (address, range) => {
    expect(addressRange(address)).toBe(range);
    expect(isPublicAddress(address)).toBe(range === 'public');
  });

  it('names ranges the way a refusal says them', () => {
    expect(describeRange('private')).toBe('a private address');
    expect(describeRange('unspecified')).toBe('an unspecified address');
    expect(describeRange('shared')).toMatch(/carrier-grade NAT/);
  });
});

describe('addressGuard', () => {
  it('allows public addresses only, by default', () => {
    const guard = addressGuard({});
    expect(guard.allows('news.example', '93.184.215.14')).toBe(true);
    expect(guard.allows('localhost', '127.0.0.1')).toBe(false);
    expect(guard.allows('intranet', '10.0.0.5')).toBe(false);
    expect(guard.allows('mapped', '::ffff:127.0.0.1')).toBe(false);
  });

  it('lets the operator allow everything, or hosts by name, address or range', () => {
    expect(addressGuard({ allowPrivate: true }).allows('intranet', '10.0.0.5')).toBe(true);
    const guard = addressGuard({ allowHosts: ['Wiki.Internal.', '127.0.0.1', '10.1.0.0/16', '[::1]'] });
    expect(guard.allows('wiki.internal', '10.200.0.1')).toBe(true); // by name, case and trailing dot aside
    expect(guard.allows('other.internal', '10.200.0.1')).toBe(false);
    expect(guard.allows('anything', '127.0.0.1')).toBe(true);
    expect(guard.allows('anything', '127.0.0.2')).toBe(false);
    expect(guard.allows('anything', '10.1.44.3')).toBe(true);
    expect(guard.allows('anything', '10.2.0.1')).toBe(false);
    expect(guard.allows('[::1]', '::1')).toBe(true);
  });
});
