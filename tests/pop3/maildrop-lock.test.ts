// The maildrop lock in the database (RFC 1939 exclusive access across backend processes).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { acquireMaildropLock } from "@/lib/server/pop3/acquire-maildrop-lock";
import { commitMaildropDeletions } from "@/lib/server/pop3/commit-maildrop-deletions";
import { newMaildropLockHolder } from "@/lib/server/pop3/maildrop-lock";
import { openMaildrop } from "@/lib/server/pop3/open-maildrop";
import { releaseMaildropLock } from "@/lib/server/pop3/release-maildrop-lock";
import { renewMaildropLock } from "@/lib/server/pop3/renew-maildrop-lock";
import { seedMailbox } from "./support";

let mailboxId: number;
beforeAll(async () => {
  const raw = Buffer.from("Subject: lock\r\n\r\nx\r\n");
  mailboxId = (await seedMailbox("lock@maildrop.test", "Kettle Drum 5512", [raw, raw, raw])).id;
});

describe("maildrop lock", () => {
  it("lets exactly one of many concurrent sessions take it", async () => {
    const holders = Array.from({ length: 12 }, () => newMaildropLockHolder());
    const won = await Promise.all(
      holders.map((holder) => acquireMaildropLock({ mailboxId, holder })),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
    const winner = holders[won.indexOf(true)];
    expect(await renewMaildropLock({ mailboxId, holder: winner })).toBe(true);
    expect(await renewMaildropLock({ mailboxId, holder: holders.find((h) => h !== winner)! })).toBe(
      false,
    );
    await releaseMaildropLock({ mailboxId, holder: winner });
    expect(await acquireMaildropLock({ mailboxId, holder: holders[0] })).toBe(true);
    await releaseMaildropLock({ mailboxId, holder: holders[0] });
  });

  it("can be taken over once its lease expires (a crashed holder), and the old holder then loses", async () => {
    const crashed = newMaildropLockHolder();
    const next = newMaildropLockHolder();
    expect(await acquireMaildropLock({ mailboxId, holder: crashed, leaseMs: 50 })).toBe(true);
    expect(await acquireMaildropLock({ mailboxId, holder: next })).toBe(false);
    await new Promise((r) => setTimeout(r, 120));
    expect(await acquireMaildropLock({ mailboxId, holder: next })).toBe(true);
    expect(await renewMaildropLock({ mailboxId, holder: crashed })).toBe(false);
    // The old holder's UPDATE state deletes nothing.
    const { folderId, messages } = await openMaildrop({ mailboxId });
    await expect(
      commitMaildropDeletions({ mailboxId, folderId, holder: crashed, uids: [messages[0].uid] }),
    ).rejects.toMatchObject({ code: "UNAVAILABLE" });
    expect(await db().message.count({ where: { mailboxId } })).toBe(3);
    // The holder's own commit deletes and frees the maildrop in one go.
    const done = await commitMaildropDeletions({
      mailboxId,
      folderId,
      holder: next,
      uids: [messages[0].uid],
    });
    expect(done.removed).toEqual([messages[0].uid]);
    expect(await db().pop3MaildropLock.count({ where: { mailboxId } })).toBe(0);
  });

  it("gives stable UIDL values and the stored sizes", async () => {
    const first = await openMaildrop({ mailboxId });
    const second = await openMaildrop({ mailboxId });
    expect(second.messages).toEqual(first.messages);
    const stored = await db().message.findMany({ where: { mailboxId }, orderBy: { uid: "asc" } });
    expect(first.messages.map((m) => m.size)).toEqual(stored.map((m) => m.raw.length));
  });
});
