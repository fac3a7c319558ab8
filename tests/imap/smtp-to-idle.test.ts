// End to end inside one backend: a message sent by SMTP (swaks, a client nobody here wrote) to
// the inbound port reaches an imapflow client sitting in IDLE, through deliverMessage's NOTIFY.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtp, type SmtpHarness } from "../smtp/support/harness";
import {
  imapFlowClient,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

const run = promisify(execFile);
let imap: TestImapServer;
let smtp: SmtpHarness;
const USER = "idle-smtp@imap.test";

beforeAll(async () => {
  imap = await startTestImapServer();
  smtp = await startSmtp();
  await seedMailbox(USER);
});
afterAll(async () => {
  await smtp.close();
  await imap.close();
});

describe("SMTP delivery seen by an IDLE IMAP client", () => {
  it("announces the new message while the client idles", async () => {
    const flow = imapFlowClient(imap.tlsPort, USER, { secure: true });
    await flow.connect();
    await flow.mailboxOpen("INBOX");
    const arrived = new Promise<number>((resolve) =>
      flow.on("exists", (data: { count: number }) => resolve(data.count)),
    );
    const idle = flow.idle();
    while (!(flow as unknown as { idling: boolean }).idling)
      await new Promise((r) => setTimeout(r, 20));
    const sent = Date.now();
    await run("swaks", [
      "--server",
      "127.0.0.1",
      "--port",
      String(smtp.smtp),
      "--from",
      "someone@remote.example",
      "--to",
      USER,
      "--header",
      "Subject: pushed by SMTP",
      "--body",
      "Hello from swaks",
    ]);
    expect(await arrived).toBe(1);
    console.log(`SMTP → IDLE latency: ${Date.now() - sent} ms (includes the swaks run)`);
    const message = await flow.fetchOne("1", { envelope: true });
    expect(message && message.envelope?.subject).toBe("pushed by SMTP");
    await flow.logout();
    await idle;
  });
});
