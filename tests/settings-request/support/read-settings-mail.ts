// Reads a settings email the way a customer's program would: Python's stdlib imaplib or poplib
// (clients nobody here wrote) over implicit TLS, or a raw message from the store, parsed by the
// stdlib email package (clients/read_settings_mail.py). Shared by vitest files and e2e specs.
import { execFile } from "node:child_process";
import path from "node:path";

export type ReadPart = {
  type: string;
  cid: string | null;
  filename: string | null;
  size: number;
  text?: string;
  base64?: string;
};
export type ReadMail = { rawSize: number; subject: string; to: string; parts: ReadPart[] };

const script = path.join(import.meta.dirname, "..", "clients", "read_settings_mail.py");

function runReader(args: string[], input?: Buffer): Promise<ReadMail> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      "python3",
      [script, ...args],
      { timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    );
    child.stdin!.end(input ?? Buffer.alloc(0));
  });
}

/** The newest message of a mailbox, fetched with imaplib (IMAPS) or poplib (POP3S). */
export function readNewestMail(mode: "imap" | "pop3", port: number, user: string, pass: string) {
  return runReader([mode, String(port), user, pass]);
}

/** A message as stored (Message.raw). */
export function readRawMail(raw: Uint8Array) {
  return runReader(["raw"], Buffer.from(raw));
}

export const textOf = (mail: ReadMail, type: "text/plain" | "text/html") =>
  mail.parts.find((p) => p.type === type)?.text ?? "";

/** Every link a reader could follow: URLs in the text, href/src in the HTML (cid: excepted). */
export function linksOf(mail: ReadMail): string[] {
  return [
    ...(textOf(mail, "text/plain").match(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi) ?? []),
    ...[...textOf(mail, "text/html").matchAll(/\b(?:href|src)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]),
  ].filter((link) => !link.startsWith("cid:"));
}
