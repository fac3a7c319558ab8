// The delivery batcher (group commit): messages queued together are committed by one
// statement, and still each get their own, exact answer.
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { imapFields } from "@/lib/server/mail-store/deliver-message";
import {
  createDeliveryBatcher,
  DEFAULT_DELIVERY_BATCHER_OPTIONS,
  deliverToInboxes,
} from "@/lib/server/mail-store/delivery-batcher";

const actor = { type: "system" as const };
const message = (n: number, padding = 100) =>
  Buffer.from(`Subject: batch ${n}\r\n\r\n${"x".repeat(padding)}\r\n`);
/** A long window, so everything queued in one go lands in one batch. */
const windowed = () => createDeliveryBatcher({ ...DEFAULT_DELIVERY_BATCHER_OPTIONS, windowMs: 50 });

let mailboxCount = 0;
async function mailbox(quotaBytes?: number) {
  if (mailboxCount === 0) await addDomain({ name: "batch.test", actor });
  mailboxCount++;
  return addMailbox({
    address: `box${mailboxCount}@batch.test`,
    password: "Long Enough 123",
    quotaBytes,
    actor,
  });
}

async function stored(mailboxId: number) {
  return db().$queryRaw<Array<{ uid: number; size: number; tx: string; subject: string }>>`
    SELECT uid, size, xmin::text AS tx, split_part(convert_from(raw, 'UTF8'), E'\r\n', 1) AS subject
    FROM "Message" WHERE "mailboxId" = ${mailboxId} ORDER BY uid`;
}

const usedBytes = async (id: number) =>
  (await db().mailbox.findUniqueOrThrow({ where: { id } })).usedBytes;

describe("delivery batcher", () => {
  it("commits messages queued together in one transaction, with consecutive UIDs in order", async () => {
    const box = await mailbox();
    const batcher = windowed();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        batcher.deliver({ mailboxIds: [box.id], raw: message(i) }),
      ),
    );
    expect(results.map(([r]) => r.uid)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(results.map(([r]) => r.modseq)).size).toBe(10);
    const rows = await stored(box.id);
    expect(rows.map((r) => r.subject)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Subject: batch ${i}`),
    );
    // Rows written by one transaction share its id (xmin): one commit for the ten.
    expect(new Set(rows.map((r) => r.tx)).size).toBe(1);
    // The IMAP columns are filled as deliverMessage fills them.
    const third = await db().message.findFirstOrThrow({ where: { mailboxId: box.id, uid: 3 } });
    expect(third).toMatchObject({ ...imapFields(message(2)), size: message(2).length });
    expect(Buffer.from(third.raw).equals(message(2))).toBe(true);
    expect(Math.abs(third.internalDate.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await usedBytes(box.id)).toBe(BigInt(rows.reduce((sum, r) => sum + r.size, 0)));
    const inbox = await db().mailFolder.findFirstOrThrow({
      where: { mailboxId: box.id, name: "INBOX" },
    });
    expect(inbox.uidNext).toBe(11);
    expect(inbox.highestModseq).toBe(results[9][0].modseq);
    // Each answer names its own stored row (bigint columns arrive from pg as strings).
    expect(results[2][0]).toEqual({
      id: third.id,
      folderId: inbox.id,
      uid: 3,
      modseq: third.modseq,
      uidValidity: inbox.uidValidity,
    });
  });

  it("refuses only the message that does not fit the quota; the rest of its batch is stored", async () => {
    const small = message(0).length;
    const box = await mailbox(4 * small + 500);
    const batcher = windowed();
    const raws = [message(1), message(2), message(3, 2000), message(4), message(5)];
    const results = await Promise.allSettled(
      raws.map((raw) => batcher.deliver({ mailboxIds: [box.id], raw })),
    );
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({
      code: "QUOTA_EXCEEDED",
    });
    const rows = await stored(box.id);
    expect(rows.map((r) => r.uid)).toEqual([1, 2, 3, 4]);
    expect(rows.map((r) => r.subject)).toEqual([1, 2, 4, 5].map((n) => `Subject: batch ${n}`));
    expect(await usedBytes(box.id)).toBe(BigInt(4 * small));
  });

  it("stores a message for several mailboxes in all of them or in none", async () => {
    const roomy = await mailbox();
    const full = await mailbox(50);
    const batcher = windowed();
    const [both, onlyRoomy] = await Promise.allSettled([
      batcher.deliver({ mailboxIds: [full.id, roomy.id], raw: message(1) }),
      batcher.deliver({ mailboxIds: [roomy.id], raw: message(2) }),
    ]);
    expect(both).toMatchObject({ status: "rejected", reason: { code: "QUOTA_EXCEEDED" } });
    expect(onlyRoomy.status).toBe("fulfilled");
    expect((await stored(roomy.id)).map((r) => r.subject)).toEqual(["Subject: batch 2"]);
    expect(await stored(full.id)).toEqual([]);
    expect(await usedBytes(full.id)).toBe(0n);
  });

  it("keeps UIDs gapless and quota exact per mailbox under many concurrent deliveries", async () => {
    const boxes = [await mailbox(), await mailbox(), await mailbox()];
    const results = await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        deliverToInboxes({
          mailboxIds: i % 5 === 0 ? [boxes[0].id, boxes[1].id] : [boxes[i % 3].id],
          raw: message(i, i),
        }),
      ),
    );
    expect(results.every((r) => r.length > 0)).toBe(true);
    for (const box of boxes) {
      const rows = await stored(box.id);
      expect(rows.map((r) => r.uid)).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
      expect(await usedBytes(box.id)).toBe(BigInt(rows.reduce((sum, r) => sum + r.size, 0)));
    }
    const total = (await Promise.all(boxes.map((b) => stored(b.id)))).flat().length;
    expect(total).toBe(150 + 30);
  });

  it("fails every message of a batch when the database is down, and stores none", async () => {
    const box = await mailbox();
    const dbName = new URL(process.env.DATABASE_URL!).pathname.slice(1);
    const admin = async (sql: string, params: unknown[] = []) => {
      const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
      await client.connect();
      try {
        await client.query(sql, params);
      } finally {
        await client.end();
      }
    };
    const batcher = windowed();
    await admin(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS false`);
    let results: PromiseSettledResult<unknown>[];
    try {
      await admin(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [dbName],
      );
      results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) =>
          batcher.deliver({ mailboxIds: [box.id], raw: message(i) }),
        ),
      );
    } finally {
      await admin(`ALTER DATABASE "${dbName}" ALLOW_CONNECTIONS true`);
    }
    expect(results.map((r) => r.status)).toEqual(Array(5).fill("rejected"));
    // Not a rule violation (which SMTP would answer 5xx or 452) but a failure: 451.
    for (const r of results as PromiseRejectedResult[])
      expect(r.reason.code).not.toBe("QUOTA_EXCEEDED");
    expect(await stored(box.id)).toEqual([]);
    expect(await usedBytes(box.id)).toBe(0n);
    // And the batcher works again once the database is back.
    const [after] = await batcher.deliver({ mailboxIds: [box.id], raw: message(9) });
    expect(after.uid).toBe(1);
  });
});
