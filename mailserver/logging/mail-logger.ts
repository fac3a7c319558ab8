// Structured logs of the mail backend: one JSON object per line on stdout (pino), level from
// LOG_LEVEL. Connections log through child loggers carrying {cid, proto, remoteAddress}.
// Nothing a client typed as a secret is ever passed to a logger; the redaction below is a
// second line of defence for fields that must never appear, whoever adds them later.
import pino, { type DestinationStream, type Logger } from "pino";
import type { Env } from "@/lib/env";

export type MailLogger = Logger;

const SECRET_FIELDS = ["password", "pass", "secret", "token", "auth", "credentials"];

export function createMailLogger(options: {
  level: Env["LOG_LEVEL"];
  /** Where the lines go: stdout unless a test captures them. */
  destination?: DestinationStream;
}): MailLogger {
  return pino(
    {
      level: options.level,
      base: { service: "mail" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`)],
        censor: "[redacted]",
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

/** A logger that says nothing (tools and tests that do not look at logs). */
export const silentLogger: MailLogger = pino({ level: "silent" });
