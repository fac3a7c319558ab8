// The client's IP for rate limits and audit. X-Forwarded-For is only believed when the operator
// says a proxy sets it (TRUST_PROXY); otherwise anyone could pick their own rate-limit bucket.
import { headers } from "next/headers";
import { loadEnv } from "@/lib/env";

export async function clientIp(): Promise<string | null> {
  const h = await headers();
  if (loadEnv().TRUST_PROXY) {
    const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return h.get("x-real-ip")?.slice(0, 64) ?? null;
}
