import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { expungeMessages } from "@/lib/server/mail-store/expunge-messages";

const actor = { type: "system" as const };
const raw = (n: number) =>
  Buffer.from(`Subject: test ${String(n).padStart(3, "0")}\r\n\r\n${"x".repeat(100)}\r\n`);

describe("message store", () => {
  it("assigns increasing UIDs and modseqs, and keeps quota exact under concurrency", async () => {
    await addDomain({ name: "store.test", actor });
    const mailbox = await addMailbox({
      address: "q@store.test",
      password: "Long Enough 123",
      quotaBytes: 20 * raw(0).length,
      actor,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => deliverMessage({ mailboxId: mailbox.id, raw: raw(i) })),
    );
    const ok = results
      .filter((r) => r.status === "fulfilled")
      .map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof deliverMessage>>>).value);
    const rejected = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(
      rejected.map((r) => r.reason.code ?? String(r.reason)).filter((c) => c !== "QUOTA_EXCEEDED"),
    ).toEqual([]);
    expect(ok).toHaveLength(20);
    expect(rejected.every((r) => r.reason.code === "QUOTA_EXCEEDED")).toBe(true);
    expect(ok.map((m) => m.uid).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const fresh = await db().mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
    expect(fresh.usedBytes).toBe(BigInt(20 * raw(0).length));
    const inbox = await db().mailFolder.findFirstOrThrow({
      where: { mailboxId: mailbox.id, name: "INBOX" },
    });
    expect(inbox.uidNext).toBe(21);

    const removed = await expungeMessages({ folderId: inbox.id, uids: [2, 5, 999] });
    expect(removed.uids).toEqual([2, 5]);
    expect(removed.modseq).toBeGreaterThan(0n);
    expect((await db().mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).usedBytes).toBe(
      BigInt(18 * raw(0).length),
    );
    expect(await db().expungedMessage.count({ where: { folderId: inbox.id } })).toBe(2);
    const next = await deliverMessage({ mailboxId: mailbox.id, raw: raw(99) });
    expect(next.uid).toBe(21);
  });
});
