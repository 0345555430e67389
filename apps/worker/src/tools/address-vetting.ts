import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { blockedAddressReason, isBlockedHostname } from '../sandbox/network/address-policy';

// Vetting the address of a request the worker sends from its own host (WebFetch, a team's search
// backend) before it connects: the name is resolved here, every address is checked against the
// address policy, and the connection is pinned to the vetted addresses so that DNS cannot change
// its answer between the check and the connect.

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** The two ways out to the network, injectable so tests can prove that a refused URL sends nothing. */
export interface NetworkAccess {
  lookup(hostname: string): Promise<ResolvedAddress[]>;
  request(url: URL, options: http.RequestOptions): http.ClientRequest;
}

export const defaultNetwork: NetworkAccess = {
  lookup: (hostname) => dnsLookup(hostname, { all: true, verbatim: true }),
  request: (url, options) => (url.protocol === 'https:' ? https : http).request(url, options),
};

/**
 * Which addresses a request may reach: `public` only; `private` also loopback and private networks
 * but never link-local or cloud metadata; `any` without a check (the system resolves).
 */
export type AddressReach = 'public' | 'private' | 'any';

/** An address the policy refuses (`what` completes "<host> is …"), or a name that does not resolve. */
export class AddressRefusedError extends Error {
  constructor(
    readonly kind: 'refused' | 'unresolved',
    readonly host: string,
    readonly what: string,
  ) {
    super(kind === 'refused' ? `${host} is ${what}` : `cannot resolve ${host}: ${what}`);
  }
}

// Link-local (169.254.169.254 hands out cloud credentials) and the metadata services elsewhere:
// refused even where private addresses are allowed.
const METADATA = new BlockList();
METADATA.addSubnet('169.254.0.0', 16, 'ipv4');
METADATA.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud
METADATA.addSubnet('fe80::', 10, 'ipv6');
METADATA.addAddress('fd00:ec2::254', 'ipv6'); // AWS over IPv6
METADATA.addSubnet('64:ff9b::a9fe:0', 112, 'ipv6'); // 169.254.0.0/16 through NAT64
const LOCALHOST = /^(localhost|.+\.localhost)$/;

function metadataAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return METADATA.check(address, 'ipv4');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ? METADATA.check(mapped, 'ipv4') : METADATA.check(address, 'ipv6');
}

/** Why `address` is refused for `reach`, or null. */
function refusedAddress(address: string, reach: AddressReach): string | null {
  if (reach === 'public') return blockedAddressReason(address);
  return reach === 'private' && metadataAddress(address) ? 'link-local or cloud-metadata' : null;
}

/**
 * Checks the host of `url` for `reach` and returns the addresses to connect to (null: let the
 * system resolve). Every address a name resolves to must pass: a name with one refused address is
 * refused. Throws an AddressRefusedError before anything is sent.
 */
export async function vetAddress(
  url: URL,
  reach: AddressReach,
  network: NetworkAccess = defaultNetwork,
): Promise<ResolvedAddress[] | null> {
  if (reach === 'any') return null;
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (isBlockedHostname(name) && (reach === 'public' || !LOCALHOST.test(name)))
    throw new AddressRefusedError('refused', url.host, 'a local or cloud-metadata host name');
  if (isIP(hostname)) {
    const reason = refusedAddress(hostname, reach);
    if (reason) throw new AddressRefusedError('refused', url.host, `a ${reason} address`);
    return null;
  }
  const addresses = await network.lookup(hostname).catch((error: Error) => {
    throw new AddressRefusedError('unresolved', hostname, error.message);
  });
  if (addresses.length === 0) throw new AddressRefusedError('unresolved', hostname, 'no addresses');
  for (const { address } of addresses) {
    const reason = refusedAddress(address, reach);
    if (reason)
      throw new AddressRefusedError('refused', url.host, `resolved to ${address}, a ${reason} address,`);
  }
  return addresses;
}

/** A `lookup` for http.request that answers with the vetted addresses only. */
export function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]!.address, addresses[0]!.family);
  };
}
