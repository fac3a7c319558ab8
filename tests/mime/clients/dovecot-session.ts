// Runs Debian's Dovecot imap binary in PREAUTH mode on stdin/stdout (no network, no daemon)
// against a throwaway maildir, as the unprivileged user "nobody". Used by the comparison
// script and the recorder, never by the test suite (CI has no Dovecot).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const IMAP_BINARY = "/usr/lib/dovecot/imap";
const NOBODY = 65534;

/** Fetch items of one message: item name (e.g. "BODY[1.MIME]") → raw bytes of its value. */
export type FetchAnswer = Map<string, Buffer>;

/**
 * APPENDs every message to a fresh mailbox and FETCHes `items` from each (one FETCH command
 * per message). Returns the items Dovecot answered, per message, values as raw bytes.
 */
export function dovecotFetch(messages: Buffer[], items: string): FetchAnswer[] {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "mime-dovecot-"));
  fs.chmodSync(home, 0o777);
  const config = path.join(home, "dovecot.conf");
  fs.writeFileSync(
    config,
    [
      `mail_location = maildir:${home}/mail`,
      `base_dir = ${home}/run`,
      `log_path = ${home}/log`,
      "ssl = no",
      // Store exactly what was appended (CRLF), so sizes are comparable byte for byte.
      "mail_save_crlf = yes",
    ].join("\n"),
  );
  const chunks: Buffer[] = [];
  messages.forEach((message, index) => {
    chunks.push(
      Buffer.from(`A${index} APPEND INBOX {${message.length}}\r\n`),
      message,
      Buffer.from("\r\n"),
    );
  });
  chunks.push(Buffer.from("S SELECT INBOX\r\n"));
  messages.forEach((_, index) =>
    chunks.push(Buffer.from(`F${index} FETCH ${index + 1} (${items})\r\n`)),
  );
  chunks.push(Buffer.from("L LOGOUT\r\n"));
  const result = spawnSync(
    "setpriv",
    [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", IMAP_BINARY, "-c", config],
    {
      input: Buffer.concat(chunks),
      env: { ...process.env, USER: "nobody", HOME: home, PATH: "/usr/bin:/bin" },
      maxBuffer: 1 << 30,
      timeout: 300_000,
    },
  );
  fs.rmSync(home, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`dovecot imap failed: ${result.stderr.toString()}`);
  const answers = readFetchResponses(result.stdout);
  return messages.map((_, index) => answers.get(index + 1) ?? new Map());
}

/** Reads every "* N FETCH (name value ...)" response, literal-aware. */
function readFetchResponses(output: Buffer): Map<number, FetchAnswer> {
  const answers = new Map<number, FetchAnswer>();
  let position = 0;
  while (position < output.length) {
    const lineEnd = output.indexOf("\r\n", position);
    const head = /^\* (\d+) FETCH \(/.exec(
      output.toString("latin1", position, Math.min(output.length, position + 40)),
    );
    if (!head) {
      position = lineEnd < 0 ? output.length : skipLine(output, position);
      continue;
    }
    const answer: FetchAnswer = answers.get(Number(head[1])) ?? new Map();
    answers.set(Number(head[1]), answer);
    position += head[0].length;
    while (output[position] !== 0x29) {
      if (output[position] === 0x20) position++;
      const nameEnd = nameLength(output, position);
      const name = output.toString("latin1", position, position + nameEnd);
      position += nameEnd + 1;
      const end = valueEnd(output, position);
      answer.set(name, output.subarray(position, end));
      position = end;
    }
    position = skipLine(output, position);
  }
  return answers;
}

/** Skips to the next line, stepping over any literal announced at a line end. */
function skipLine(output: Buffer, from: number): number {
  let position = from;
  for (;;) {
    const lineEnd = output.indexOf("\r\n", position);
    if (lineEnd < 0) return output.length;
    const literal = /\{(\d+)\}$/.exec(
      output.toString("latin1", Math.max(position, lineEnd - 12), lineEnd),
    );
    if (!literal) return lineEnd + 2;
    position = lineEnd + 2 + Number(literal[1]);
  }
}

/** Length of an item name such as BODY[HEADER.FIELDS (A B)]<0>. */
function nameLength(output: Buffer, from: number): number {
  let depth = 0;
  let position = from;
  while (position < output.length) {
    const byte = output[position]!;
    if (byte === 0x5b) depth++;
    else if (byte === 0x5d) depth--;
    else if (byte === 0x20 && depth === 0) break;
    position++;
  }
  return position - from;
}

/** End of one value: a list, quoted string, literal, or atom. */
function valueEnd(output: Buffer, from: number): number {
  let position = from;
  let depth = 0;
  do {
    const byte = output[position]!;
    if (byte === 0x28) {
      depth++;
      position++;
    } else if (byte === 0x29) {
      depth--;
      position++;
    } else if (byte === 0x22) {
      position++;
      while (output[position] !== 0x22) position += output[position] === 0x5c ? 2 : 1;
      position++;
    } else if (byte === 0x7b) {
      const close = output.indexOf("}\r\n", position);
      position = close + 3 + Number(output.toString("latin1", position + 1, close));
    } else if (byte === 0x20) {
      position++;
    } else {
      while (position < output.length && ![0x20, 0x28, 0x29].includes(output[position]!))
        position++;
    }
  } while (depth > 0 && position < output.length);
  return position;
}
