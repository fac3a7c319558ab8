// imapflow (npm, a client nobody here wrote): STARTTLS, list, fetch, flags, move, and IDLE
// receiving a message delivered from elsewhere through the PostgreSQL NOTIFY path.
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import {
  PASSWORD,
  sampleMessage,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

let server: TestImapServer;
let mailboxId: number;
const USER = "flow@imap.test";

beforeAll(async () => {
  server = await startTestImapServer();
  mailboxId = (await seedMailbox(USER)).id;
  for (let i = 1; i <= 5; i++) await deliverMessage({ mailboxId, raw: sampleMessage(i) });
});
afterAll(() => server.close());

function client(options: { secure?: boolean } = {}): ImapFlow {
  return new ImapFlow({
    host: "127.0.0.1",
    port: options.secure ? server.tlsPort : server.port,
    secure: options.secure ?? false,
    auth: { user: USER, pass: PASSWORD },
    tls: { rejectUnauthorized: false },
    logger: process.env.IMAP_DEBUG ? undefined : false,
  });
}

describe("imapflow", () => {
  it("connects over STARTTLS, lists special-use folders, fetches, flags and moves", async () => {
    const flow = client();
    await flow.connect();
    expect(flow.secureConnection).toBe(true);
    const folders = await flow.list();
    const byUse = Object.fromEntries(folders.map((f) => [f.specialUse ?? f.path, f.path]));
    expect(byUse).toMatchObject({ "\\Sent": "Sent", "\\Trash": "Trash", "\\Drafts": "Drafts" });
    expect(folders.map((f) => f.path)).toContain("INBOX");

    const lock = await flow.getMailboxLock("INBOX");
    try {
      const uids: number[] = [];
      for await (const m of flow.fetch("1:*", { uid: true, flags: true, size: true, source: true }))
        uids.push(m.uid);
      expect(uids).toEqual([1, 2, 3, 4, 5]);
      const one = await flow.fetchOne("2", { source: true, flags: true }, { uid: true });
      expect(one && one.source?.equals(sampleMessage(2))).toBe(true);
      await flow.messageFlagsAdd("2", ["\\Flagged", "$label1"], { uid: true });
      const flagged = await flow.fetchOne("2", { flags: true }, { uid: true });
      expect(one && flagged && [...flagged.flags!]).toEqual(
        expect.arrayContaining(["\\Flagged", "$label1"]),
      );
      await flow.messageFlagsRemove("2", ["$label1"], { uid: true });
      const result = await flow.messageMove("2", "Trash", { uid: true });
      expect(result && result.uidMap?.get(2)).toBe(1);
      expect(
        ((await flow.status("INBOX", { messages: true })) as { messages: number }).messages,
      ).toBe(4);
      expect(
        ((await flow.status("Trash", { messages: true })) as { messages: number }).messages,
      ).toBe(1);
    } finally {
      lock.release();
    }
    await flow.logout();
  });

  it("IDLE hears about a message delivered by another path at once", async () => {
    const flow = client({ secure: true });
    await flow.connect();
    await flow.mailboxOpen("INBOX");
    const before = (flow.mailbox as { exists: number }).exists;
    const arrived = new Promise<number>((resolve) =>
      flow.on("exists", (data: { count: number }) => resolve(data.count)),
    );
    // imapflow would enter IDLE by itself after a quiet spell; start it now and wait until on.
    const idle = flow.idle();
    while (!(flow as unknown as { idling: boolean }).idling)
      await new Promise((r) => setTimeout(r, 20));
    const sent = Date.now();
    await deliverMessage({ mailboxId, raw: sampleMessage(99) });
    expect(await arrived).toBe(before + 1);
    // On PostgreSQL the wake-up comes from NOTIFY, not from the embedded-database fallback.
    expect(server.logs.join("\n")).not.toContain("polling for folder changes");
    server.logs.push(`idle latency ${Date.now() - sent} ms`);
    console.log(`IDLE notification latency: ${Date.now() - sent} ms`);
    await flow.logout();
    await idle;
  });
});
