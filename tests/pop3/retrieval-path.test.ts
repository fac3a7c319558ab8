// The fast RETR path: the first slice is read while the per-command session check runs, and the
// next message's first slice is read ahead after each RETR. Slices and write chunks are made
// tiny here so that dot-stuffed lines, CRLFs and the read-ahead cross every boundary; Python's
// poplib and a raw socket check the bytes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import {
  actor,
  fromBase64,
  poplib,
  RawClient,
  seedMailbox,
  startPop3,
  type Pop3Server,
} from "./support";

const PASSWORD = "Tidal Lantern 5093";

/** CRLF lines, many starting with a dot (a lone "." too), so stuffing meets every offset. */
function message(n: number): Buffer {
  // The number comes first, so a slice of the wrong message never looks right.
  const lines = [`X-${n}: read ahead`, "Subject: read ahead", ""];
  for (let i = 0; i < 20 + n * 3; i++) {
    if (i % 4 === 0) lines.push(".");
    else if (i % 3 === 0) lines.push(`..line ${i} of ${n}`);
    else lines.push(`${i % 2 ? "." : ""}line ${i} of message ${n}`);
  }
  return Buffer.from(lines.join("\r\n") + "\r\n");
}
const messages = [1, 2, 3, 4, 5].map(message);

let server: Pop3Server;
beforeAll(async () => {
  server = await startPop3({ messageSliceBytes: 7, writeChunkBytes: 5 });
});
afterAll(() => server.close());

async function login(address: string): Promise<RawClient> {
  const client = await RawClient.connect(server.plainPort);
  expect(await client.line()).toMatch(/^\+OK/);
  expect(await client.command(`USER ${address}`)).toMatch(/^\+OK/);
  expect(await client.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK Logged in/);
  return client;
}

describe("POP3 retrieval with read-ahead", () => {
  it("gives poplib every message byte for byte, in and out of order, around DELE and TOP", async () => {
    await seedMailbox("ahead@retrieval.test", PASSWORD, messages);
    const out = await poplib({
      port: server.plainPort,
      mode: "plain",
      user: "ahead@retrieval.test",
      password: PASSWORD,
      steps: [
        ["retr", 1],
        ["dele", 2],
        ["retr", 3], // read ahead skipped the deleted 2
        ["top", 4, 1], // takes the slice read ahead for 4
        ["retr", 4],
        ["retr", 2],
        ["retr", 1], // read ahead was for 5: not used, read again
        ["retr", 5],
        ["retr", 5],
        ["quit"],
      ],
    });
    const retrieved = (step: number) => fromBase64(out.steps[step].raw);
    expect(retrieved(0).equals(messages[0])).toBe(true);
    expect(out.steps[0].octets).toBe(messages[0].length);
    expect(out.steps[1].resp).toMatch(/^\+OK/);
    expect(retrieved(2).equals(messages[2])).toBe(true);
    const top = retrieved(3).toString();
    expect(top).toBe(messages[3].toString().split("\r\n").slice(0, 4).join("\r\n") + "\r\n");
    expect(retrieved(4).equals(messages[3])).toBe(true);
    expect(out.steps[5].error).toBe("-ERR Message 2 is already deleted.");
    expect(retrieved(6).equals(messages[0])).toBe(true);
    expect(retrieved(7).equals(messages[4])).toBe(true);
    expect(retrieved(8).equals(messages[4])).toBe(true);
    expect(out.steps[9].resp).toMatch(/^\+OK/);
  });

  it("sends nothing of a message read ahead once the password changed", async () => {
    const mailbox = await seedMailbox("revoked@retrieval.test", PASSWORD, messages.slice(0, 2));
    const client = await login(mailbox.address);
    expect(await client.command("RETR 1")).toBe(`+OK ${messages[0].length} octets`);
    // As sent, still dot-stuffed: the read-ahead of message 2 starts once this is out.
    expect(await client.multiline()).toEqual(
      messages[0]
        .toString()
        .split("\r\n")
        .slice(0, -1)
        .map((l) => (l.startsWith(".") ? `.${l}` : l)),
    );
    await setMailboxPassword({
      mailboxId: mailbox.id,
      address: mailbox.address,
      password: "Another Tidal Lantern 7",
      actor,
    });
    expect(await client.command("RETR 2")).toMatch(/^-ERR \[AUTH\] Session ended/);
    await client.closedByServer();
  });

  it("sends nothing of a message once the mailbox is suspended, read ahead or not", async () => {
    const mailbox = await seedMailbox("paused@retrieval.test", PASSWORD, messages.slice(0, 2));
    const client = await login(mailbox.address);
    await setMailboxSuspended({ mailboxId: mailbox.id, suspended: true, actor });
    expect(await client.command("RETR 1")).toMatch(/^-ERR \[AUTH\] Session ended/);
    await client.closedByServer();
  });
});
