import type { Env } from "@/lib/env";
import type { MailLogger } from "./logging/mail-logger";
import type { TlsCredentials } from "./tls/tls-credentials";

/**
 * One listening socket of the mail backend. close() is graceful: stop accepting, let work in
 * flight finish (bounded), say goodbye in the protocol's words, resolve when all are gone.
 */
export type RunningService = { name: string; port: number; close(): Promise<void> };

export type MailContext = { env: Env; tls: TlsCredentials; logger: MailLogger };
