import { randomBytes } from "node:crypto";

const ID_BYTES = 6;
/** Random bytes for 1,024 ids at a time: one call into OpenSSL instead of one per connection. */
const POOL_BYTES = ID_BYTES * 1024;
let pool = Buffer.alloc(0);
let offset = 0;

/** A short random id naming one client connection in every log line about it. */
export function newConnectionId(): string {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  offset += ID_BYTES;
  return pool.toString("base64url", offset - ID_BYTES, offset);
}
