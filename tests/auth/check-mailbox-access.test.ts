// The one live access check of IMAP and POP3 sessions (checkMailboxAccess): door-aware, says why
// a session may not go on, and in its combined form reads a message slice only when it may.
import { describe, expect, it } from "vitest";
import { setProtocolAccess } from "@/lib/server/admin/change-mailbox";
import { deleteMailboxAsAdmin } from "@/lib/server/admin/create-delete-mailbox";
import { setDomainActive } from "@/lib/server/admin/domains";
import type { StaffContext } from "@/lib/server/admin/staff-context";
import {
  accessRefusal,
  checkMailboxAccess,
  type MailDoor,
} from "@/lib/server/auth/check-mailbox-access";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import type { FolderChangeListener } from "@/lib/server/imap/folder-change-listener";
import { LiveSessionChecks } from "@/lib/server/imap/live-session-checks";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";

const actor = { type: "system" as const };
const admin: StaffContext = { id: 1, email: "admin@access.test", role: "admin", ip: null };
const raw = Buffer.from("Subject: access\r\n\r\nbody \xff\x00 bytes\r\n", "latin1");

let domains = 0;
/** A mailbox alone on its own domain (so a domain can be switched off), with one message. */
async function seed() {
  const domain = `d${++domains}.access.test`;
  await addDomain({ name: domain, actor });
  const mailbox = await addMailbox({
    address: `user@${domain}`,
    password: "Quiet Harbour 8841",
    actor,
  });
  await deliverMessage({ mailboxId: mailbox.id, raw });
  const inbox = await db().mailFolder.findFirstOrThrow({
    where: { mailboxId: mailbox.id, name: "INBOX" },
  });
  const row = await db().mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
  return { ...mailbox, domainId: row.domainId, sessionVersion: row.sessionVersion, inbox };
}
type Seeded = Awaited<ReturnType<typeof seed>>;

const refusal = async (m: Seeded, door: MailDoor) =>
  accessRefusal((await checkMailboxAccess({ mailboxId: m.id, door })).access, m.sessionVersion);

/** The combined form: the check and the message's first `length` bytes. */
const withSlice = (m: Seeded, door: MailDoor, uid = 1, length = 1000) =>
  checkMailboxAccess({
    mailboxId: m.id,
    door,
    folderId: m.inbox.id,
    sessionVersion: m.sessionVersion,
    slice: { uid, offset: 0, length },
  });

const changes: Array<[string, string, (m: Seeded) => Promise<unknown>]> = [
  [
    "password change",
    "session_revoked",
    (m) =>
      setMailboxPassword({
        mailboxId: m.id,
        address: m.address,
        password: "Another Harbour 5512",
        actor,
      }),
  ],
  [
    "suspension",
    "suspended",
    (m) => setMailboxSuspended({ mailboxId: m.id, suspended: true, actor }),
  ],
  ["domain switched off", "domain_disabled", (m) => setDomainActive(admin, m.domainId, false)],
  [
    "mailbox deleted",
    "mailbox_gone",
    (m) => deleteMailboxAsAdmin(admin, { mailboxId: m.id, confirmAddress: m.address }),
  ],
];

describe("checkMailboxAccess", () => {
  it("lets a current session of either door go on, with the folder's modseq and the bytes", async () => {
    const m = await seed();
    expect(await refusal(m, "IMAP")).toBeNull();
    expect(await refusal(m, "POP3")).toBeNull();
    const checked = await checkMailboxAccess({
      mailboxId: m.id,
      door: "IMAP",
      folderId: m.inbox.id,
    });
    expect(checked.access.domainId).toBe(m.domainId);
    expect(checked.folderModseq).toBe(m.inbox.highestModseq);
    const read = await withSlice(m, "POP3");
    expect(read.refusal).toBeNull();
    expect(read.bytes?.equals(raw)).toBe(true);
    const part = await checkMailboxAccess({
      mailboxId: m.id,
      door: "POP3",
      folderId: m.inbox.id,
      sessionVersion: m.sessionVersion,
      slice: { uid: 1, offset: 5, length: 7 },
    });
    expect(part.bytes?.equals(raw.subarray(5, 12))).toBe(true);
    // A message that is not there: allowed, nothing to read.
    expect(await withSlice(m, "POP3", 99)).toMatchObject({ refusal: null, bytes: null });
  });

  for (const [what, reason, change] of changes) {
    it(`refuses both doors after a ${what} (${reason}) and reads no bytes`, async () => {
      const m = await seed();
      await change(m);
      expect(await refusal(m, "IMAP")).toBe(reason);
      expect(await refusal(m, "POP3")).toBe(reason);
      expect(await withSlice(m, "POP3")).toMatchObject({ refusal: reason, bytes: null });
    });
  }

  it("is door-aware: POP3 switched off ends POP3 sessions only, IMAP off IMAP only", async () => {
    const m = await seed();
    await setProtocolAccess(admin, m.id, "POP3", false);
    expect(await refusal(m, "POP3")).toBe("protocol_disabled");
    expect(await withSlice(m, "POP3")).toMatchObject({ refusal: "protocol_disabled", bytes: null });
    expect(await refusal(m, "IMAP")).toBeNull();
    await setProtocolAccess(admin, m.id, "POP3", true);
    await setProtocolAccess(admin, m.id, "IMAP", false);
    expect(await refusal(m, "IMAP")).toBe("protocol_disabled");
    expect(await refusal(m, "POP3")).toBeNull();
    expect((await withSlice(m, "POP3")).bytes?.equals(raw)).toBe(true);
  });

  it("reads no bytes of another mailbox's folder", async () => {
    const m = await seed();
    const other = await seed();
    const read = await checkMailboxAccess({
      mailboxId: m.id,
      door: "POP3",
      folderId: other.inbox.id,
      sessionVersion: m.sessionVersion,
      slice: { uid: 1, offset: 0, length: 1000 },
    });
    expect(read).toMatchObject({ refusal: null, bytes: null, folderModseq: null });
  });
});

describe("IMAP's LiveSessionChecks on the shared check", () => {
  // A listener that is up but hears nothing: every "no" must come from the database.
  const deaf: FolderChangeListener = {
    mode: "notify",
    epoch: 1,
    notifiedModseq: () => undefined,
    subscribe: () => () => {},
    subscribeMailbox: () => () => {},
    close: async () => {},
  };

  it("ends an IMAP session on IMAP switched off, not on POP3 switched off", async () => {
    const m = await seed();
    const request = { mailboxId: m.id, sessionVersion: m.sessionVersion };
    const checks = new LiveSessionChecks(deaf);
    await setProtocolAccess(admin, m.id, "POP3", false);
    expect((await checks.check(request)).valid).toBe(true);
    checks.close();
    const fresh = new LiveSessionChecks(deaf);
    await setProtocolAccess(admin, m.id, "IMAP", false);
    expect((await fresh.check(request)).valid).toBe(false);
    fresh.close();
  });
});
