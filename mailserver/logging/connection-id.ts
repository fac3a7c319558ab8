import { randomBytes } from "node:crypto";

/** A short random id naming one client connection in every log line about it. */
export function newConnectionId(): string {
  return randomBytes(6).toString("base64url");
}
