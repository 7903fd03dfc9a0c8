/**
 * Which hosts and URLs are this machine's own loopback: what local mode (no authentication) may listen on by
 * default and call back.
 * @remarks Addresses are compared as Node parses them (`new URL` turns 0x7f000001 and 2130706433 into 127.0.0.1,
 * and `[::ffff:127.0.0.1]` into an IPv4-mapped IPv6 address, which net.BlockList matches against 127.0.0.0/8), so
 * a spelling of an address cannot pass for another. `localhost` counts by name, as browsers and the Bot Framework
 * Emulator use it.
 */
import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** A host name or address (IPv6 with or without brackets) that reaches only this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  const family = isIP(bare);
  return family !== 0 && LOOPBACK.check(bare, family === 6 ? 'ipv6' : 'ipv4');
}

/** An http(s) URL whose host is loopback; false for anything that does not parse. */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && isLoopbackHost(parsed.hostname);
}

/** The address a wildcard HOST stands for: every interface. */
export function isWildcardHost(host: string): boolean {
  return ['0.0.0.0', '::', '[::]'].includes(host);
}
