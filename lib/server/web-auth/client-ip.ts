// The client's IP for throttling and the login record. The Next.js server fills
// X-Forwarded-For with the socket's address when the request has none; a reverse proxy in
// front appends the address it saw, so the last entry is the one our nearest hop vouches for.
import { isIP } from "node:net";

type HeaderSource = { get(name: string): string | null };

export function clientIp(headers: HeaderSource): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (!forwarded) return null;
  const last = forwarded.split(",").at(-1)?.trim() ?? "";
  const plain = last.startsWith("[") ? last.slice(1, last.indexOf("]")) : last;
  return isIP(plain) ? plain : null;
}
