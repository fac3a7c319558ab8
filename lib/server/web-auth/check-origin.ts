// CSRF defence for every mutation: the browser's Origin header must be the portal's own
// public origin (APP_URL). Browsers always send Origin on POST, fetch or form alike.
import { appOrigin } from "./session-policy";

type HeaderSource = { get(name: string): string | null };

export function isSameOrigin(headers: HeaderSource): boolean {
  const origin = headers.get("origin");
  return origin !== null && origin === appOrigin();
}
