import type { Env } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { canConnect } from "@/lib/server/db/embedded-postgres";

export type HealthReport = {
  status: "ok" | "unavailable";
  database: "up" | "down";
  listeners: Record<string, "up" | "down">;
};

export function mailListeners(env: Env): Record<string, number> {
  return {
    smtp: env.SMTP_PORT,
    submission: env.SUBMISSION_PORT,
    smtps: env.SMTPS_PORT,
    imap: env.IMAP_PORT,
    imaps: env.IMAPS_PORT,
    pop3: env.POP3_PORT,
    pop3s: env.POP3S_PORT,
  };
}

export async function checkHealth(env: Env): Promise<HealthReport> {
  const database = db().$queryRaw`SELECT 1`.then(() => "up" as const).catch(() => "down" as const);
  const listeners = Object.fromEntries(
    await Promise.all(
      Object.entries(mailListeners(env)).map(async ([name, port]) => [
        name,
        (await canConnect(env.MAIL_HEALTH_HOST, port)) ? ("up" as const) : ("down" as const),
      ]),
    ),
  );
  const dbState = await database;
  const ok = dbState === "up" && Object.values(listeners).every((s) => s === "up");
  return { status: ok ? "ok" : "unavailable", database: dbState, listeners };
}
