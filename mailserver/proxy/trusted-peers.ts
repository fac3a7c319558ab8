// Who may put a PROXY header in front of a connection (MAIL_PROXY_TRUSTED): the load balancers.
// Anybody else could claim any client address, so their connections are closed unread.
import { BlockList, isIP } from "node:net";

export type PeerMatcher = (address: string | undefined) => boolean;

/** Entries are "192.0.2.7", "10.0.0.0/8", "::1", "2001:db8::/32" (validated by lib/env.ts). */
export function trustedPeers(entries: string[]): PeerMatcher {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address) === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return (address) => {
    if (!address) return false;
    const family = isIP(address);
    // BlockList matches "::ffff:10.1.2.3" (a dual-stack listener's IPv4 peer) against IPv4 rules.
    return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
  };
}
