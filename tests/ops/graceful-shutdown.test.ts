// Graceful shutdown of the real mail backend process (npm run mail = mailserver/main.ts): on
// SIGTERM it stops accepting, lets a message being received finish (its 250 comes first), then
// says goodbye in each protocol's words (SMTP 421 4.3.2, POP3 -ERR [SYS/TEMP], IMAP * BYE),
// applies no POP3 deletions of a session that did not QUIT, and exits 0.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { freePort } from "@/scripts/support/free-port";
import { waitForPort } from "../../bench/support/bench-stack";
import { RawClient } from "../pop3/support";
import { seedMailbox } from "./support/mail-stack";

const ADDRESS = "shutdown@ops.test";
const PASSWORD = "Granite-Willow-Ferry-3090";
const message = (n: number) => Buffer.from(`Subject: message ${n}\r\n\r\nBody ${n}.\r\n`);

let backend: ChildProcess;
let output = "";
const ports: Record<string, number> = {};

beforeAll(async () => {
  const mailbox = await seedMailbox(ADDRESS, PASSWORD);
  for (const n of [1, 2]) await deliverMessage({ mailboxId: mailbox.id, raw: message(n) });
  for (const name of ["SMTP", "SUBMISSION", "SMTPS", "POP3", "POP3S", "IMAP", "IMAPS"])
    ports[name] = await freePort();
  backend = spawn(process.execPath, ["--import", "tsx", "mailserver/main.ts"], {
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [`${k}_PORT`, String(v)])),
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "octeportal-shutdown-")),
      MAIL_BIND_HOST: "127.0.0.1",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  backend.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  for (const port of Object.values(ports)) await waitForPort(port, 60_000);
}, 90_000);

afterAll(() => {
  if (backend.exitCode === null && backend.signalCode === null) backend.kill("SIGKILL");
});

/** An SMTP reply, multi-line ones read to their last line. */
async function smtpReply(client: RawClient): Promise<string> {
  let line = await client.line();
  while (/^\d{3}-/.test(line)) line = await client.line();
  return line;
}

describe("SIGTERM", () => {
  it("finishes the message in flight, says goodbye on every protocol, deletes nothing unasked, exits 0", async () => {
    // SMTP: one client in the middle of DATA, one idle after EHLO.
    const sending = await RawClient.connect(ports.SMTP);
    expect(await smtpReply(sending)).toMatch(/^220 /);
    for (const [line, reply] of [
      ["EHLO sender.example", /^250 /],
      ["MAIL FROM:<someone@elsewhere.example>", /^250 /],
      [`RCPT TO:<${ADDRESS}>`, /^250 /],
      ["DATA", /^354 /],
    ] as const) {
      sending.send(`${line}\r\n`);
      expect(await smtpReply(sending)).toMatch(reply);
    }
    sending.send("Subject: in flight\r\n\r\nFirst half of the body.\r\n");

    const idleSmtp = await RawClient.connect(ports.SUBMISSION);
    expect(await smtpReply(idleSmtp)).toMatch(/^220 /);
    idleSmtp.send("EHLO idle.example\r\n");
    expect(await smtpReply(idleSmtp)).toMatch(/^250 /);

    // POP3: logged in, message 1 marked for deletion, no QUIT.
    const pop = await RawClient.connect(ports.POP3);
    expect(await pop.line()).toMatch(/^\+OK/);
    expect(await pop.command(`USER ${ADDRESS}`)).toMatch(/^\+OK/);
    expect(await pop.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK Logged in, 2 messages/);
    expect(await pop.command("DELE 1")).toMatch(/^\+OK/);

    // IMAP: logged in, waiting for the next command.
    const imap = await RawClient.connect(ports.IMAP);
    expect(await imap.line()).toMatch(/^\* OK /);
    expect(await imap.command(`a LOGIN ${ADDRESS} "${PASSWORD}"`)).toMatch(/^a OK/);

    const exited = new Promise<number | null>((r) => backend.once("exit", (code) => r(code)));
    backend.kill("SIGTERM");

    expect(await idleSmtp.line()).toBe("421 4.3.2 Server shutting down, try again later");
    expect(await pop.line()).toMatch(/^-ERR \[SYS\/TEMP\] Server shutting down/);
    expect(await imap.line()).toMatch(/^\* BYE Server shutting down/);
    for (const client of [idleSmtp, pop, imap]) await client.closedByServer();

    // The message being received is still taken, and answered, before the goodbye.
    sending.send("Second half, sent after SIGTERM.\r\n.\r\n");
    expect(await sending.line()).toMatch(/^250 /);
    expect(await sending.line()).toBe("421 4.3.2 Server shutting down, try again later");
    await sending.closedByServer();

    expect(await exited).toBe(0);
    const subjects = (
      await db().message.findMany({
        where: { mailbox: { address: ADDRESS } },
        orderBy: { uid: "asc" },
      })
    ).map((m) => /Subject: (.*)\r\n/.exec(Buffer.from(m.raw).toString("latin1"))?.[1]);
    expect(subjects).toEqual(["message 1", "message 2", "in flight"]);

    const events = output
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { event?: string });
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(["shutdown", "stopped"]));
  }, 60_000);
});
