// Retention: each kind of row goes once it is past its retention and not before; pending queue
// rows stay whatever their age; deletion runs in batches until nothing old is left; the portal
// worker runs it.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { pruneExpiredRecords, RETENTION } from "@/lib/server/maintenance/prune-expired-records";
import { runPortalWorkersOnce } from "@/lib/server/workers/start-portal-workers";

const actor = { type: "system" as const };
const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms);
let mailboxId: number;

beforeAll(async () => {
  await addDomain({ name: "retention.test", actor });
  const mailbox = await addMailbox({
    address: "keeper@retention.test",
    password: "Copper Lamp Harbour",
    actor,
  });
  mailboxId = mailbox.id;
});

async function countWhere(table: string, marker: string, column = "address"): Promise<number> {
  const rows = await db().$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" = $1`,
    marker,
  );
  return rows[0].n;
}

describe("pruneExpiredRecords", () => {
  it("deletes each kind of row past its retention and keeps younger and pending ones", async () => {
    const margin = 60_000;
    await db().rateLimitHit.createMany({
      data: [
        { bucket: "t", key: "old", at: ago(RETENTION.rateLimitHitMs + margin) },
        { bucket: "t", key: "young", at: ago(RETENTION.rateLimitHitMs - margin) },
      ],
    });
    await db().loginAttempt.createMany({
      data: [
        {
          door: "IMAP",
          address: "old@x.test",
          success: false,
          at: ago(RETENTION.loginAttemptMs + margin),
        },
        {
          door: "IMAP",
          address: "young@x.test",
          success: true,
          at: ago(RETENTION.loginAttemptMs - margin),
        },
      ],
    });
    const old = ago(RETENTION.finishedRequestMs + margin);
    const young = ago(RETENTION.finishedRequestMs - margin);
    for (const table of ["settingsRequest", "passwordResetRequest"] as const) {
      const rows = [
        { address: "old-sent@x.test", outcome: "sent", deliveryState: "sent", createdAt: old },
        {
          address: "old-pending@x.test",
          outcome: "sent",
          deliveryState: "pending",
          createdAt: old,
        },
        {
          address: "young-failed@x.test",
          outcome: "sent",
          deliveryState: "failed",
          createdAt: young,
        },
      ];
      if (table === "settingsRequest") await db().settingsRequest.createMany({ data: rows });
      else await db().passwordResetRequest.createMany({ data: rows });
    }
    await db().passwordResetToken.createMany({
      data: [
        { mailboxId, tokenHash: "old", expiresAt: ago(RETENTION.expiredTokenMs + margin) },
        {
          mailboxId,
          tokenHash: "recently-expired",
          expiresAt: ago(RETENTION.expiredTokenMs - margin),
        },
        { mailboxId, tokenHash: "valid", expiresAt: new Date(Date.now() + DAY) },
      ],
    });

    const counts = await pruneExpiredRecords();

    expect(counts).toEqual({
      rateLimitHits: 1,
      loginAttempts: 1,
      settingsRequests: 1,
      passwordResetRequests: 1,
      tokens: 1,
    });
    expect(await countWhere("RateLimitHit", "old", "key")).toBe(0);
    expect(await countWhere("RateLimitHit", "young", "key")).toBe(1);
    expect(await countWhere("LoginAttempt", "old@x.test")).toBe(0);
    expect(await countWhere("LoginAttempt", "young@x.test")).toBe(1);
    for (const table of ["SettingsRequest", "PasswordResetRequest"]) {
      expect(await countWhere(table, "old-sent@x.test")).toBe(0);
      expect(await countWhere(table, "old-pending@x.test")).toBe(1);
      expect(await countWhere(table, "young-failed@x.test")).toBe(1);
    }
    const tokens = await db().passwordResetToken.findMany({ select: { tokenHash: true } });
    expect(tokens.map((t) => t.tokenHash).sort()).toEqual(["recently-expired", "valid"]);
    expect(await pruneExpiredRecords()).toEqual({
      rateLimitHits: 0,
      loginAttempts: 0,
      settingsRequests: 0,
      passwordResetRequests: 0,
      tokens: 0,
    });
  });

  it("keeps deleting in batches until no old row is left", async () => {
    await db().$executeRaw`INSERT INTO "RateLimitHit" (bucket, key, at)
      SELECT 'bulk', 'k' || g, now() - interval '3 days' FROM generate_series(1, 12345) g`;
    const counts = await pruneExpiredRecords();
    expect(counts.rateLimitHits).toBe(12345);
    expect(await db().rateLimitHit.count({ where: { bucket: "bulk" } })).toBe(0);
  });

  it("runs from the portal worker", async () => {
    await db().rateLimitHit.create({ data: { bucket: "worker", key: "w", at: ago(2 * DAY) } });
    await runPortalWorkersOnce();
    expect(await db().rateLimitHit.count({ where: { bucket: "worker" } })).toBe(0);
  });
});
