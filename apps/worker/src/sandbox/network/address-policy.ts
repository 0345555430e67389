import { BlockList, isIP } from 'node:net';

// Where WebFetch may not go unless the project allows private addresses (§6.1): the worker's own
// machine, its network, and cloud metadata services (169.254.169.254 hands out credentials).
const blocked = new BlockList();
const V4: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];
const V6: [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['fc00::', 7, 'private (unique local)'],
  ['fe80::', 10, 'link-local'],
  ['ff00::', 8, 'multicast'],
  ['64:ff9b::', 96, 'NAT64 (may reach private IPv4)'],
];
const reasons = new Map<BlockList, string>();
for (const [network, prefix, reason] of V4) {
  const list = new BlockList();
  list.addSubnet(network, prefix, 'ipv4');
  blocked.addSubnet(network, prefix, 'ipv4');
  reasons.set(list, reason);
}
for (const [network, prefix, reason] of V6) {
  const list = new BlockList();
  list.addSubnet(network, prefix, 'ipv6');
  blocked.addSubnet(network, prefix, 'ipv6');
  reasons.set(list, reason);
}

/** Names that reach a metadata service or the machine itself whatever DNS says. */
const BLOCKED_HOSTNAMES = [
  /^localhost$/,
  /\.localhost$/,
  /^metadata$/,
  /^metadata\.google\.internal$/,
  /^metadata\.goog$/,
  /^instance-data(\.ec2\.internal)?$/,
  /^metadata\.azure\.com$/,
];

/** Why an IP address is refused, or null when it is a public address. IPv4-mapped IPv6 counts as IPv4. */
export function blockedAddressReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'not an IP address';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (!blocked.check(address, type)) return null;
  for (const [list, reason] of reasons) if (list.check(address, type)) return reason;
  return 'not public';
}

export function isBlockedHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return BLOCKED_HOSTNAMES.some((re) => re.test(name));
}
