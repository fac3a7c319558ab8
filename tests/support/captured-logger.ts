// A real mail logger (pino, JSON lines) whose output the test keeps instead of printing.
import { Writable } from "node:stream";
import { createMailLogger, type MailLogger } from "@/mailserver/logging/mail-logger";

export type CapturedLogs = {
  logger: MailLogger;
  /** Every line written, as written (JSON text). */
  lines: string[];
  /** The lines parsed; throws if one is not JSON. */
  records(): Array<Record<string, unknown>>;
};

export function captureLogs(level: "debug" | "info" = "debug"): CapturedLogs {
  const lines: string[] = [];
  let partial = "";
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const text = partial + chunk.toString("utf8");
      const parts = text.split("\n");
      partial = parts.pop() ?? "";
      lines.push(...parts);
      done();
    },
  });
  return {
    logger: createMailLogger({ level, destination }),
    lines,
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
