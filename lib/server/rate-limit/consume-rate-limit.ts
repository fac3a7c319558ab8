// Counts a hit in a named bucket and says whether the caller is still within the limit.
import { db } from "@/lib/server/db/client";

export async function consumeRateLimit(options: {
  bucket: string;
  key: string;
  limit: number;
  windowMs: number;
}): Promise<boolean> {
  const since = new Date(Date.now() - options.windowMs);
  const [recent] = await db().$transaction([
    db().rateLimitHit.count({
      where: { bucket: options.bucket, key: options.key, at: { gte: since } },
    }),
    db().rateLimitHit.create({ data: { bucket: options.bucket, key: options.key } }),
  ]);
  return recent < options.limit;
}
