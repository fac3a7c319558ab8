import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { acceptMessage } from "@/lib/server/mail-delivery/accept-message";
import { buildBounceMessage } from "@/lib/server/mail-delivery/build-bounce-message";
import { claimOutboundMessages } from "@/lib/server/mail-delivery/claim-outbound-messages";
import {
  retryDelayMs,
  settleOutboundAttempt,
} from "@/lib/server/mail-delivery/settle-outbound-attempt";
import { outcomeOfError, outcomeOfSuccess } from "@/mailserver/smtp/relay-outcome";
import { seedMailbox } from "./support/harness";

const policy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 5000 };
const queue = (n: number, senderMailboxId: number) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      acceptMessage({
        raw: Buffer.from(`Subject: q${i}\r\n\r\nx\r\n`),
        envelopeFrom: "owner@queue.test",
        localMailboxIds: [],
        remoteRecipients: [`r${i}@remote.example`],
        senderMailboxId,
      }),
    ),
  );

describe("the outbound queue", () => {
  it("never hands one row to two concurrent claimers (FOR UPDATE SKIP LOCKED + lease)", async () => {
    const owner = await seedMailbox("owner@queue.test", "Correct Horse 4711");
    await queue(15, owner.id);
    // Separate pool connections, as separate backend instances would have.
    const [a, b, c] = await Promise.all([
      claimOutboundMessages({ limit: 10, leaseMs: 60_000 }),
      claimOutboundMessages({ limit: 10, leaseMs: 60_000 }),
      claimOutboundMessages({ limit: 10, leaseMs: 60_000 }),
    ]);
    const ids = [...a, ...b, ...c].map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(15);
    expect(await claimOutboundMessages({ limit: 10, leaseMs: 60_000 })).toEqual([]);
    expect([...a, ...b, ...c].every((m) => m.attempt === 1)).toBe(true);

    // A claim whose lease ran out (its sender died) is due again, and the old claim is stale.
    const first = a[0] ?? b[0];
    await db().outboundMessage.update({
      where: { id: first.id },
      data: { nextAttemptAt: new Date(Date.now() - 1) },
    });
    const [again] = await claimOutboundMessages({ limit: 1, leaseMs: 60_000 });
    expect(again).toMatchObject({ id: first.id, attempt: 2 });
    const stale = await settleOutboundAttempt({
      id: first.id,
      attempt: 1,
      temporaryFailures: [],
      permanentFailures: [],
      policy,
      reportingHost: "mx.test",
    });
    expect(stale).toBe("stale");
    expect(
      await settleOutboundAttempt({
        id: first.id,
        attempt: 2,
        temporaryFailures: [],
        permanentFailures: [],
        policy,
        reportingHost: "mx.test",
      }),
    ).toBe("sent");
  });

  it("keeps only the temporarily failed recipients for the retry, with exponential backoff", async () => {
    const owner = await seedMailbox("two@queue.test", "Correct Horse 4711");
    const { outboundId } = await acceptMessage({
      raw: Buffer.from("Subject: two\r\n\r\nx\r\n"),
      envelopeFrom: "two@queue.test",
      localMailboxIds: [],
      remoteRecipients: ["ok@remote.example", "later@remote.example", "never@remote.example"],
      senderMailboxId: owner.id,
    });
    await db().outboundMessage.updateMany({
      where: { id: { not: outboundId! } },
      data: { state: "sent" },
    });
    const [claimed] = await claimOutboundMessages({ limit: 5, leaseMs: 60_000 });
    const before = Date.now();
    const state = await settleOutboundAttempt({
      id: claimed.id,
      attempt: claimed.attempt,
      temporaryFailures: [{ recipient: "later@remote.example", diagnostic: "451 4.3.0 busy" }],
      permanentFailures: [{ recipient: "never@remote.example", diagnostic: "550 5.1.1 unknown" }],
      policy,
      reportingHost: "mx.test",
    });
    expect(state).toBe("queued");
    const row = await db().outboundMessage.findUniqueOrThrow({ where: { id: claimed.id } });
    expect(row.recipients).toEqual(["later@remote.example"]);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 1000);
    const bounce = await db().message.findFirstOrThrow({ where: { mailboxId: owner.id } });
    expect(Buffer.from(bounce.raw).toString()).toContain(
      "Final-Recipient: rfc822; never@remote.example",
    );
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });

  it("sorts relay results into temporary and permanent failures per recipient", () => {
    const all = ["a@x.example", "b@x.example"];
    expect(
      outcomeOfError(all, {
        responseCode: 550,
        response: "550 5.1.1 a",
        rejectedErrors: [
          { recipient: "a@x.example", responseCode: 550, response: "550 5.1.1 a" },
          { recipient: "b@x.example", responseCode: 452, response: "452 4.2.2 b" },
        ],
      }),
    ).toEqual({
      permanent: [{ recipient: "a@x.example", diagnostic: "550 5.1.1 a" }],
      temporary: [{ recipient: "b@x.example", diagnostic: "452 4.2.2 b" }],
    });
    expect(
      outcomeOfError(
        all,
        Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNECTION" }),
      ),
    ).toEqual({
      permanent: [],
      temporary: all.map((recipient) => ({ recipient, diagnostic: "connect ECONNREFUSED" })),
    });
    expect(outcomeOfSuccess(all, { rejected: [], rejectedErrors: [] })).toEqual({
      permanent: [],
      temporary: [],
    });
  });

  it("builds a DSN whose fields cannot be split by a hostile diagnostic", () => {
    const raw = buildBounceMessage({
      reportingHost: "mx.test",
      sender: "me@queue.test",
      failed: [{ recipient: "x@remote.example", diagnostic: "550 5.7.1 no\r\nX-Evil: 1" }],
      original: Buffer.from("Subject: hi\r\nFrom: me@queue.test\r\n\r\nsecret body\r\n"),
    }).toString();
    expect(raw).not.toMatch(/\r\nX-Evil/);
    expect(raw).toContain("Diagnostic-Code: smtp; 550 5.7.1 no X-Evil: 1\r\n");
    expect(raw).toContain("Subject: hi\r\nFrom: me@queue.test\r\n");
    expect(raw).not.toContain("secret body");
  });
});
