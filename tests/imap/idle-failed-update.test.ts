// A wake-up whose database work fails half-way (here: the \Recent claim, as when the pool is
// exhausted by thousands of IDLE sessions waking at once) must not lose the new message: the
// session's view may only change once every read for the update has succeeded, so the next
// keep-alive (or command) still announces "* n EXISTS". Before the fix the view took the new UID
// first, the claim then threw, the EXISTS was never written, and every later read found the
// message "already known": that session never heard of it (the 10,000-session IDLE bench).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimRecent } from "@/lib/server/imap/claim-recent";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import {
  loggedInRawClient,
  sampleMessage,
  seedMailbox,
  startTestImapServer,
  type TestImapServer,
} from "./support/imap-server";

let server: TestImapServer;
/** Claims to fail before the real claim runs again. */
let claimsToFail = 0;
let failedClaims = 0;

beforeAll(async () => {
  server = await startTestImapServer(
    { idleKeepAliveMs: 300 },
    {
      claim: async (folderId, upToUid) => {
        if (claimsToFail > 0) {
          claimsToFail--;
          failedClaims++;
          throw new Error("timeout exceeded when trying to connect");
        }
        return claimRecent(folderId, upToUid);
      },
    },
  );
});
afterAll(() => server.close());

describe("an update whose database work fails", () => {
  it("still announces the new message at the next keep-alive (IDLE)", async () => {
    const mailbox = await seedMailbox("failed-wake@imap.test");
    const c = await loggedInRawClient(server.port, "failed-wake@imap.test");
    expect(await c.command("s", "SELECT INBOX")).toMatch(/\* 0 EXISTS[\s\S]*^s OK/m);
    c.send("i IDLE\r\n");
    await c.until(/^\+ /m);
    claimsToFail = 1;
    await deliverMessage({ mailboxId: mailbox.id, raw: sampleMessage(1) });
    // The retried claim succeeded, so this session holds the message as \Recent.
    await c.until(/^\* 1 EXISTS\r\n\* 1 RECENT\r\n/m, 8_000);
    expect(failedClaims).toBe(1);
    expect(server.logs.join("\n")).toMatch(/idle update failed/);
    c.send("DONE\r\n");
    await c.until(/^i OK/m);
    c.close();
  });

  it("still announces it after the next command when the failure hit a command's update", async () => {
    const mailbox = await seedMailbox("failed-noop@imap.test");
    const c = await loggedInRawClient(server.port, "failed-noop@imap.test");
    expect(await c.command("s", "SELECT INBOX")).toMatch(/\* 0 EXISTS[\s\S]*^s OK/m);
    claimsToFail = 1;
    const before = failedClaims;
    await deliverMessage({ mailboxId: mailbox.id, raw: sampleMessage(2) });
    // The first NOOP's update fails (whatever it answers); the second must carry the EXISTS.
    await c.command("n1", "NOOP");
    expect(failedClaims).toBe(before + 1);
    const second = await c.command("n2", "NOOP");
    expect(second).toMatch(/^\* 1 EXISTS\r\n[\s\S]*^n2 OK/m);
    // And the message is addressable by the sequence number the client was told.
    expect(await c.command("f", "FETCH 1 (UID)")).toMatch(/^\* 1 FETCH \(UID 1\)[\s\S]*^f OK/m);
    c.close();
  });
});
