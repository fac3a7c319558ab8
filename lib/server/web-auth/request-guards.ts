// Checks every server action makes before it changes anything.
import { headers } from "next/headers";
import { isSameOrigin } from "./check-origin";
import { clientIp } from "./client-ip";

/** The request came from a page of this portal (CSRF defence beside SameSite cookies). */
export async function requestIsSameOrigin(): Promise<boolean> {
  return isSameOrigin(await headers());
}

export async function requestClientIp(): Promise<string | null> {
  return clientIp(await headers());
}
