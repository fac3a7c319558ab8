import type { Env } from "@/lib/env";
import type { TlsCredentials } from "./tls/tls-credentials";

/** One listening socket of the mail backend. */
export type RunningService = { name: string; port: number; close(): Promise<void> };

export type MailContext = { env: Env; tls: TlsCredentials; log: (message: string) => void };
