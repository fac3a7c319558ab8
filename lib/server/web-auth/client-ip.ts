// The client's IP for throttling and the login record, from X-Forwarded-For and nothing else:
// Next.js route handlers and server actions never see the TCP peer. Next fills the header with
// the peer's address only when the request has none (`??=`), so without a reverse proxy the
// client writes it. TRUST_PROXY_HOPS says how many proxies of ours each append the address they
// saw; the client is then the entry that many places from the right, and everything left of it
// is the client's own words. With 0 hops no entry can be trusted: the answer is null, which the
// login decision treats as "address unknown" (per-address limits still hold).
import { isIP } from "node:net";
import { loadEnv } from "@/lib/env";

type HeaderSource = { get(name: string): string | null };

/** Longer headers are not a chain of our own proxies. */
const MAX_HEADER_LENGTH = 2048;

export function clientIp(
  headers: HeaderSource,
  trustedHops: number = loadEnv().TRUST_PROXY_HOPS,
): string | null {
  if (trustedHops <= 0) return null;
  const forwarded = headers.get("x-forwarded-for");
  if (!forwarded || forwarded.length > MAX_HEADER_LENGTH) return null;
  const entries = forwarded.split(",").map((e) => e.trim());
  // Fewer entries than proxies: the request did not come through all of them.
  if (entries.length < trustedHops) return null;
  return plainIp(entries[entries.length - trustedHops]);
}

/** "[2001:db8::1]:443", "192.0.2.1:80" and bare addresses → the address, else null. */
function plainIp(entry: string): string | null {
  if (isIP(entry)) return entry;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed && isIP(bracketed[1]) === 6) return bracketed[1];
  const withPort = /^([\d.]+):\d+$/.exec(entry);
  if (withPort && isIP(withPort[1]) === 4) return withPort[1];
  return null;
}
