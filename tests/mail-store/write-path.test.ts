// The message write path as one statement (issue #9): deliverMessage (IMAP APPEND, submission,
// bounces) and the SMTP batch commit each store with a single statement, prepared once per
// connection, notify each changed folder once per commit through the MailFolder trigger, and
// keep every answer exact (no mailbox, no folder, full mailbox, a folder renamed meanwhile).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db, pgPool } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { appendMessage } from "@/lib/server/imap/append-message";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { commitDeliveryBatch, isBatchRefused } from "@/lib/server/mail-store/commit-delivery-batch";
import { deliverMessage, imapFields } from "@/lib/server/mail-store/deliver-message";

// One pooled connection, so the statements this file runs can be seen in pg_prepared_statements
// (a per-connection view). Read when the pool is first created, after this line.
process.env.DB_POOL_SIZE = "1";

const actor = { type: "system" as const };
const raw = (n: number, padding = 200) =>
  Buffer.from(`Subject: write ${n}\r\nFrom: a@b.test\r\n\r\n${"x".repeat(padding)}\r\n`);
const batched = (mailboxIds: number[], n: number) => ({
  mailboxIds,
  raw: raw(n),
  imap: imapFields(raw(n)),
  internalDate: new Date(),
});

let count = 0;
async function mailbox(quotaBytes?: number) {
  if (count === 0) await addDomain({ name: "write.test", actor });
  count++;
  const { id } = await addMailbox({
    address: `w${count}@write.test`,
    password: "Long Enough 123",
    quotaBytes,
    actor,
  });
  const inbox = await db().mailFolder.findFirstOrThrow({ where: { mailboxId: id, name: "INBOX" } });
  return { id, inbox };
}

const usedBytes = async (id: number) =>
  (await db().mailbox.findUniqueOrThrow({ where: { id } })).usedBytes;

/** Every folder-change notification committed while `work` runs, in arrival order. */
async function folderNotifications(work: () => Promise<unknown>): Promise<string[]> {
  const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await listener.connect();
  const seen: string[] = [];
  let probeArrived = () => {};
  const probe = new Promise<void>((resolve) => (probeArrived = resolve));
  listener.on("notification", (n) => {
    if (n.payload === "probe:write-path") probeArrived();
    else seen.push(n.payload ?? "");
  });
  await listener.query("LISTEN octeportal_folder_change");
  try {
    await work();
    // Notifications arrive in commit order: once this later one is here, all earlier ones are.
    await pgPool().query("SELECT pg_notify('octeportal_folder_change', 'probe:write-path')");
    await probe;
    return seen;
  } finally {
    await listener.end();
  }
}

describe("message write path", () => {
  it("notifies each folder once per batch commit, with its new modseq", async () => {
    const a = await mailbox();
    const b = await mailbox();
    let results: Awaited<ReturnType<typeof commitDeliveryBatch>> = [];
    const seen = await folderNotifications(async () => {
      results = await commitDeliveryBatch([
        batched([a.id], 1),
        batched([a.id, b.id], 2),
        batched([a.id], 3),
        batched([b.id], 4),
      ]);
    });
    expect(results.map((copies) => copies.map((c) => c.uid))).toEqual([[1], [2, 1], [3], [2]]);
    const modseqA = results[2][0].modseq;
    const modseqB = results[3][0].modseq;
    expect(seen.sort()).toEqual([`${a.inbox.id}:${modseqA}`, `${b.inbox.id}:${modseqB}`].sort());
  });

  it("slices each message's bytes and header entries out of the batch's shared parameters", async () => {
    const box = await mailbox();
    const withNulls = {
      ...batched([box.id], 2),
      imap: { ...imapFields(raw(2)), searchHeaders: null },
    };
    const noHeader = Buffer.from("\r\nno header at all\r\n");
    const messages = [
      batched([box.id], 1),
      withNulls,
      { mailboxIds: [box.id], raw: noHeader, imap: imapFields(noHeader), internalDate: new Date() },
      { ...batched([box.id], 4), raw: raw(4, 30_000), imap: imapFields(raw(4, 30_000)) },
    ];
    expect(messages[2].imap.searchHeaders).toEqual([]);
    await commitDeliveryBatch(messages);
    const rows = await db().message.findMany({
      where: { mailboxId: box.id },
      orderBy: { uid: "asc" },
    });
    expect(rows).toHaveLength(4);
    // Prisma reads a NULL list as []: ask SQL which ones are NULL.
    const headers = await db().$queryRaw<Array<{ entries: string[] | null }>>`
      SELECT "searchHeaders" AS entries FROM "Message" WHERE "mailboxId" = ${box.id} ORDER BY uid`;
    expect(headers.map((h) => h.entries)).toEqual(messages.map((m) => m.imap.searchHeaders));
    rows.forEach((row, i) => {
      expect(Buffer.from(row.raw).equals(messages[i].raw)).toBe(true);
      expect(row.size).toBe(messages[i].raw.length);
      expect(row.imapEnvelope).toBe(messages[i].imap.imapEnvelope);
      expect(row.imapBodyStructure).toBe(messages[i].imap.imapBodyStructure);
      expect(row.imapBody).toBe(messages[i].imap.imapBody);
    });
  });

  it("notifies the folder once per delivered or appended message", async () => {
    const box = await mailbox();
    const sent = await db().mailFolder.findFirstOrThrow({
      where: { mailboxId: box.id, name: "Sent" },
    });
    const stored: Array<{ folderId: number; modseq: bigint }> = [];
    const seen = await folderNotifications(async () => {
      stored.push(await deliverMessage({ mailboxId: box.id, raw: raw(1) }));
      stored.push(
        await appendMessage({ mailboxId: box.id, folder: "Sent", raw: raw(2), flags: ["\\Seen"] }),
      );
    });
    expect(stored.map((s) => s.folderId)).toEqual([box.inbox.id, sent.id]);
    expect(seen).toEqual(stored.map((s) => `${s.folderId}:${s.modseq}`));
  });

  it("stores exactly what the old multi-statement path stored", async () => {
    const box = await mailbox();
    const date = new Date("2026-03-04T05:06:07.089Z");
    const first = await deliverMessage({ mailboxId: box.id, raw: raw(1) });
    const second = await appendMessage({
      mailboxId: box.id,
      folder: "inbox",
      raw: raw(2, 5000),
      flags: ["\\Seen", "$Label"],
      internalDate: date,
    });
    expect([first.uid, second.uid]).toEqual([1, 2]);
    expect(second.modseq).toBe(first.modseq + 1n);
    const row = await db().message.findUniqueOrThrow({ where: { id: second.id } });
    expect(row).toMatchObject({
      folderId: box.inbox.id,
      mailboxId: box.id,
      uid: 2,
      modseq: second.modseq,
      flags: ["\\Seen", "$Label"],
      internalDate: date,
      size: raw(2, 5000).length,
      ...imapFields(raw(2, 5000)),
    });
    expect(Buffer.from(row.raw).equals(raw(2, 5000))).toBe(true);
    const inbox = await db().mailFolder.findUniqueOrThrow({ where: { id: box.inbox.id } });
    expect(inbox).toMatchObject({ uidNext: 3, highestModseq: second.modseq });
    expect(second.uidValidity).toBe(inbox.uidValidity);
    expect(await usedBytes(box.id)).toBe(BigInt(raw(1).length + raw(2, 5000).length));
  });

  it("answers no mailbox, no folder (before a full quota) and full, and charges nothing", async () => {
    await expect(deliverMessage({ mailboxId: 999_999, raw: raw(1) })).rejects.toMatchObject({
      code: "NOT_FOUND",
      field: undefined,
    });
    const full = await mailbox(raw(1).length + 10);
    await expect(
      deliverMessage({ mailboxId: full.id, folder: "Nowhere", raw: raw(1, 5000) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "folder" });
    await expect(deliverMessage({ mailboxId: full.id, raw: raw(1, 5000) })).rejects.toMatchObject({
      code: "QUOTA_EXCEEDED",
    });
    expect(await usedBytes(full.id)).toBe(0n);
    await deliverMessage({ mailboxId: full.id, raw: raw(1) });
    expect(await usedBytes(full.id)).toBe(BigInt(raw(1).length));
    expect(await db().message.count({ where: { mailboxId: full.id } })).toBe(1);
  });

  it("refuses a message whose folder is renamed while it waits, and charges nothing", async () => {
    const box = await mailbox();
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      // Another transaction holds the Sent row and renames it; the delivery has already seen
      // the folder (its snapshot) and waits for the row.
      await other.query("BEGIN");
      await other.query(
        `UPDATE "MailFolder" SET name = 'Sent-renamed' WHERE "mailboxId" = $1 AND name = 'Sent'`,
        [box.id],
      );
      const delivery = deliverMessage({ mailboxId: box.id, folder: "Sent", raw: raw(1) });
      const outcome = delivery.then(
        () => null,
        (error: unknown) => error,
      );
      // Blocked by `other`'s lock: pg_stat_activity's query text cannot tell, since a named
      // statement's later runs may still show the connection's previous query there.
      for (let waiting = false; !waiting;) {
        const { rows } = await other.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
           WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))`,
        );
        waiting = rows[0].n !== "0";
        if (!waiting) await new Promise((r) => setTimeout(r, 20));
      }
      await other.query("COMMIT");
      expect(await outcome).toMatchObject({ code: "NOT_FOUND", field: "folder" });
    } finally {
      await other.end();
    }
    expect(await usedBytes(box.id)).toBe(0n);
    expect(await db().message.count({ where: { mailboxId: box.id } })).toBe(0);
  });

  it("refuses a batch for a mailbox without INBOX as a whole, keeping no charge", async () => {
    const box = await mailbox();
    const fine = await mailbox();
    await db().$executeRaw`DELETE FROM "MailFolder" WHERE id = ${box.inbox.id}`;
    await expect(
      commitDeliveryBatch([batched([box.id], 1), batched([fine.id], 2)]),
    ).rejects.toSatisfy(isBatchRefused);
    expect(await usedBytes(box.id)).toBe(0n);
    expect(await usedBytes(fine.id)).toBe(0n);
    expect(await db().message.count({ where: { mailboxId: { in: [box.id, fine.id] } } })).toBe(0);
  });

  it("is part of the caller's transaction when given one", async () => {
    const box = await mailbox();
    await expect(
      db().$transaction(async (tx) => {
        await deliverMessage({ mailboxId: box.id, raw: raw(1) }, tx);
        await deliverMessage({ mailboxId: box.id, raw: raw(2) }, tx);
        throw new Error("caller changed its mind");
      }),
    ).rejects.toThrow("caller changed its mind");
    expect(await db().message.count({ where: { mailboxId: box.id } })).toBe(0);
    expect(await usedBytes(box.id)).toBe(0n);
    const kept = await db().$transaction((tx) =>
      deliverMessage({ mailboxId: box.id, raw: raw(3) }, tx),
    );
    expect(kept.uid).toBe(1);
    expect(await usedBytes(box.id)).toBe(BigInt(raw(3).length));
  });

  it("prepares the write statements once per connection and stores bytes with LZ4", async () => {
    const box = await mailbox();
    await deliverMessage({ mailboxId: box.id, raw: raw(1, 20_000) });
    await commitDeliveryBatch([batched([box.id], 2), batched([box.id], 3)]);
    const { rows } = await pgPool().query<{ name: string }>(
      "SELECT name FROM pg_prepared_statements ORDER BY name",
    );
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(["octeportal_deliver_message", "octeportal_delivery_batch"]),
    );
    // 20 KB of "x" is compressed inline; a server built without LZ4 would keep pglz.
    const lz4 = await pgPool()
      .query("CREATE TEMP TABLE lz4_probe (b bytea COMPRESSION lz4)")
      .then(() => true)
      .catch(() => false);
    const { rows: stored } = await pgPool().query<{ method: string }>(
      `SELECT pg_column_compression(raw) AS method FROM "Message" WHERE "mailboxId" = $1 AND uid = 1`,
      [box.id],
    );
    expect(stored[0].method).toBe(lz4 ? "lz4" : "pglz");
  });
});
