import type { Env } from "@/lib/env";

/** One listening socket of the mail backend. */
export type RunningService = { name: string; port: number; close(): Promise<void> };

export type MailContext = { env: Env; log: (message: string) => void };
