// imapflow (npm, a client nobody here wrote) with COMPRESS=DEFLATE and QRESYNC: it negotiates
// compression by itself (checked on the wire through a recording relay), and a client that
// reconnects after another session expunged and flagged messages gets VANISHED (EARLIER) and the
// changed flags at SELECT, VANISHED while it stays connected, and VANISHED (EARLIER) from
// UID FETCH … CHANGEDSINCE.
import net from "node:net";
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
const USER = "flowqr@imap.test";
const MARKER = "Quokka-marker-text ";

beforeAll(async () => {
  server = await startTestImapServer();
  const mailboxId = (await seedMailbox(USER)).id;
  for (let i = 1; i <= 6; i++)
    await deliverMessage({ mailboxId, raw: sampleMessage(i, ` ${MARKER.repeat(200)}`) });
});
afterAll(() => server.close());

function client(options: { port?: number; qresync?: boolean; plain?: boolean } = {}): ImapFlow {
  return new ImapFlow({
    host: "127.0.0.1",
    port: options.port ?? server.port,
    secure: false,
    doSTARTTLS: options.plain ? false : true,
    qresync: options.qresync ?? false,
    auth: { user: USER, pass: PASSWORD },
    tls: { rejectUnauthorized: false },
    logger: process.env.IMAP_DEBUG ? undefined : false,
  });
}

/** A TCP relay in front of the server that keeps what the server sent, as it crossed the wire. */
async function recordingRelay(): Promise<{ port: number; fromServer: Buffer[]; close(): void }> {
  const fromServer: Buffer[] = [];
  const relay = net.createServer((inbound) => {
    const outbound = net.connect(server.port, "127.0.0.1");
    outbound.on("data", (d: Buffer) => fromServer.push(d));
    inbound.pipe(outbound).pipe(inbound);
    inbound.on("error", () => outbound.destroy());
    outbound.on("error", () => inbound.destroy());
  });
  await new Promise<void>((r) => relay.listen(0, "127.0.0.1", r));
  return {
    port: (relay.address() as net.AddressInfo).port,
    fromServer,
    close: () => relay.close(),
  };
}

type Expunge = { uid?: number; seq?: number; vanished: boolean; earlier?: boolean };
type Flags = { uid?: number; flags: Set<string> };

function record(flow: ImapFlow) {
  const expunges: Expunge[] = [];
  const flags: Flags[] = [];
  flow.on("expunge", (e: Expunge) => expunges.push(e));
  flow.on("flags", (f: Flags) => flags.push(f));
  return { expunges, flags };
}

describe("imapflow with COMPRESS=DEFLATE and QRESYNC", () => {
  it("negotiates COMPRESS=DEFLATE on its own: nothing after the switch crosses the wire in clear", async () => {
    const relay = await recordingRelay();
    const flow = client({ port: relay.port, plain: true });
    await flow.connect();
    await flow.mailboxOpen("INBOX");
    const message = await flow.fetchOne("1", { source: true });
    expect(message && message.source?.equals(sampleMessage(1, ` ${MARKER.repeat(200)}`))).toBe(
      true,
    );
    await flow.logout();
    relay.close();
    const wire = Buffer.concat(relay.fromServer).toString("latin1");
    const switchedAt = wire.indexOf(" OK DEFLATE active\r\n");
    expect(switchedAt).toBeGreaterThan(0);
    expect(wire.slice(0, switchedAt)).toContain("COMPRESS=DEFLATE");
    // The 4 KB body came back, but neither it nor any response text is readable on the wire.
    expect(wire).not.toContain(MARKER);
    expect(wire.slice(switchedAt + 20)).not.toMatch(/FETCH|EXISTS|UIDVALIDITY/);
  });

  it("resynchronises a reconnecting client: VANISHED (EARLIER) and changed flags", async () => {
    const first = client({ qresync: true });
    await first.connect();
    expect(first.enabled.has("QRESYNC")).toBe(true);
    const opened = await first.mailboxOpen("INBOX");
    const { uidValidity, highestModseq } = opened;
    await first.logout();

    // Meanwhile another session flags UID 2 and expunges UIDs 3 and 4.
    const other = client();
    await other.connect();
    await other.mailboxOpen("INBOX");
    await other.messageFlagsAdd("2", ["\\Flagged"], { uid: true });
    await other.messageDelete("3:4", { uid: true });

    const again = client({ qresync: true });
    const seen = record(again);
    await again.connect();
    const reopened = await again.mailboxOpen("INBOX", {
      uidValidity,
      changedSince: highestModseq,
    });
    expect(reopened.exists).toBe(4);
    expect(reopened.highestModseq).toBeGreaterThan(highestModseq!);
    expect(seen.expunges).toEqual([
      expect.objectContaining({ uid: 3, vanished: true, earlier: true }),
      expect.objectContaining({ uid: 4, vanished: true, earlier: true }),
    ]);
    expect(seen.flags).toEqual([expect.objectContaining({ uid: 2 })]);
    expect([...seen.flags[0].flags]).toContain("\\Flagged");

    // While it stays connected, another expunge arrives as VANISHED (not EARLIER).
    seen.expunges.length = 0;
    await other.messageDelete("5", { uid: true });
    await again.noop();
    expect(seen.expunges).toEqual([
      expect.objectContaining({ uid: 5, vanished: true, earlier: false }),
    ]);
    expect(again.mailbox && again.mailbox.exists).toBe(3);

    // UID FETCH … (CHANGEDSINCE m VANISHED) tells what vanished since m, then what changed.
    seen.expunges.length = 0;
    const changed = await again.fetchAll(
      "1:*",
      { flags: true },
      { uid: true, changedSince: highestModseq },
    );
    expect(changed.map((m) => m.uid)).toEqual([2]);
    expect(seen.expunges.map((e) => [e.uid, e.earlier])).toEqual([
      [3, true],
      [4, true],
      [5, true],
    ]);
    await again.logout();
    await other.logout();
  });
});
