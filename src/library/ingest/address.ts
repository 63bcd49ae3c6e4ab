/**
 * Which IP addresses the bot may fetch from: public unicast only, unless the operator allows more. This is the
 * request-forgery guard: a link (or a redirect, or a DNS answer) must not make the bot reach its own machine,
 * the cloud's metadata service or the private network around it.
 *
 * Ranges follow the IANA special-purpose registries. IPv4 is a list of blocked ranges; IPv6 is allowed only in
 * global unicast (2000::/3) minus its special blocks, so new or odd ranges are refused by default. IPv6 forms
 * that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, SIIT, NAT64 64:ff9b::/96)
 * are judged by that IPv4 address, so ::ffff:127.0.0.1 is loopback.
 */
import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net';

/** What kind of address it is; only `public` is fetched by default. */
export type AddressRange =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'unique-local'
  | 'site-local'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved'
  | 'invalid';

type Rule = [range: Exclude<AddressRange, 'public' | 'invalid'>, network: string, prefix: number];

// Order matters where ranges nest: the first match names the range.
const IPV4_RULES: Rule[] = [
  ['unspecified', '0.0.0.0', 8],
  ['private', '10.0.0.0', 8],
  ['shared', '100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['loopback', '127.0.0.0', 8],
  ['link-local', '169.254.0.0', 16], // includes the cloud metadata service 169.254.169.254
  ['private', '172.16.0.0', 12],
  ['reserved', '192.0.0.0', 24], // IETF protocol assignments
  ['documentation', '192.0.2.0', 24],
  ['reserved', '192.88.99.0', 24], // 6to4 relay anycast
  ['private', '192.168.0.0', 16],
  ['benchmarking', '198.18.0.0', 15],
  ['documentation', '198.51.100.0', 24],
  ['documentation', '203.0.113.0', 24],
  ['multicast', '224.0.0.0', 4],
  ['broadcast', '255.255.255.255', 32],
  ['reserved', '240.0.0.0', 4],
];

const IPV6_RULES: Rule[] = [
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  ['private', '64:ff9b:1::', 48], // local-use NAT64
  ['reserved', '100::', 64], // discard-only
  ['documentation', '2001:db8::', 32],
  ['reserved', '2001::', 23], // IETF protocol assignments: Teredo, ORCHID, …
  ['reserved', '2002::', 16], // 6to4 carries an IPv4 address the relay picks; nothing an article needs
  ['documentation', '3fff::', 20],
  ['unique-local', 'fc00::', 7],
  ['link-local', 'fe80::', 10],
  ['site-local', 'fec0::', 10],
  ['multicast', 'ff00::', 8],
];

interface CompiledRule {
  range: Rule[0];
  list: BlockList;
}

function compile(rules: Rule[], family: 'ipv4' | 'ipv6'): CompiledRule[] {
  return rules.map(([range, network, prefix]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { range, list };
  });
}

const V4 = compile(IPV4_RULES, 'ipv4');
const V6 = compile(IPV6_RULES, 'ipv6');
const GLOBAL_UNICAST = new BlockList();
GLOBAL_UNICAST.addSubnet('2000::', 3, 'ipv6');

/** An IPv6 address as its eight 16-bit groups (zone id dropped), or null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  let s = address.replace(/%.*$/, '');
  if (!isIPv6(s)) return null;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    s = `${s.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = s.split('::');
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length > 1 && halves[1] ? halves[1].split(':') : [];
  const groups = halves.length > 1 ? [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail] : head;
  return groups.length === 8 ? groups.map((g) => parseInt(g, 16)) : null;
}

/** The IPv4 address an IPv6 address stands for, when it is one of the forms that embed one. */
function embeddedIPv4(g: number[]): string | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, hi = 0, lo = 0] = g;
  const zeros = (...xs: number[]): boolean => xs.every((x) => x === 0);
  const mapped = zeros(a, b, c, d, e) && f === 0xffff; // ::ffff:a.b.c.d
  const translated = zeros(a, b, c, d, f) && e === 0xffff; // ::ffff:0:a.b.c.d (SIIT)
  const compatible = zeros(a, b, c, d, e, f) && (hi !== 0 || lo > 1); // ::a.b.c.d, deprecated; not :: or ::1
  const nat64 = a === 0x64 && b === 0xff9b && zeros(c, d, e, f); // 64:ff9b::a.b.c.d
  if (!(mapped || translated || compatible || nat64)) return null;
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.');
}

function ipv4Range(address: string): AddressRange {
  return V4.find((r) => r.list.check(address, 'ipv4'))?.range ?? 'public';
}

/** The range an IP address (v4 or v6, as a URL or DNS gives it, brackets allowed) falls in. */
export function addressRange(address: string): AddressRange {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (isIPv4(bare)) return ipv4Range(bare);
  const groups = ipv6Groups(bare);
  if (!groups) return 'invalid';
  const v4 = embeddedIPv4(groups);
  if (v4 !== null) return ipv4Range(v4);
  const canonical = bare.replace(/%.*$/, '');
  const hit = V6.find((r) => r.list.check(canonical, 'ipv6'));
  if (hit) return hit.range;
  return GLOBAL_UNICAST.check(canonical, 'ipv6') ? 'public' : 'reserved';
}

export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'public';
}

/** How a range is named in a refusal: "a private address", "a loopback address". */
export function describeRange(range: AddressRange): string {
  switch (range) {
    case 'shared':
      return 'a shared (carrier-grade NAT) address';
    case 'unspecified':
      return 'an unspecified address';
    case 'invalid':
      return 'not a valid address';
    case 'public':
      return 'a public address';
    default:
      return `a ${range} address`;
  }
}

/** What the operator lets through besides public addresses. */
export interface AddressPolicy {
  /** Every address is allowed (a bot on a private network fetching its own intranet). */
  allowPrivate?: boolean;
  /**
   * Host names ("wiki.internal", "localhost"), IP addresses ("127.0.0.1", "::1") or CIDR ranges ("10.1.0.0/16")
   * that may be fetched even though they are not public.
   */
  allowHosts?: readonly string[];
}

/** A compiled policy: is this host, at this address, allowed? */
export interface AddressGuard {
  allows(hostname: string, address: string): boolean;
}

export function addressGuard(policy: AddressPolicy): AddressGuard {
  if (policy.allowPrivate) return { allows: () => true };
  const names = new Set<string>();
  const ranges = new BlockList();
  for (const raw of policy.allowHosts ?? []) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, '$1');
    const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
    const ip = cidr?.[1] ?? entry;
    const family = isIP(ip);
    if (family === 0) {
      names.add(entry.replace(/\.$/, ''));
      continue;
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (cidr) ranges.addSubnet(ip, Number(cidr[2]), type);
    else ranges.addAddress(ip, type);
  }
  return {
    allows(hostname, address) {
      const host = hostname
        .toLowerCase()
        .replace(/^\[(.*)\]$/, '$1')
        .replace(/\.$/, '');
      if (names.has(host)) return true;
      const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
      const family = isIP(bare);
      if (family !== 0 && ranges.check(bare, family === 4 ? 'ipv4' : 'ipv6')) return true;
      return isPublicAddress(bare);
    },
  };
}
