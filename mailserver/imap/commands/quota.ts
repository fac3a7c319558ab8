// QUOTA (RFC 9208): one root "" holding the mailbox's storage quota, in KiB.
import { findFolder } from "@/lib/server/imap/folders";
import { mailboxQuota } from "@/lib/server/imap/folder-status";
import { AUTHENTICATED, no, ok, type ImapCommand } from "../command";
import { quotedMailbox } from "../response-writer";
import type { ImapSession } from "../session";

async function sendQuota(session: ImapSession): Promise<boolean> {
  const quota = await mailboxQuota(session.mailbox!.id);
  if (!quota) return false;
  const kib = (n: bigint) => (n + 1023n) / 1024n;
  await session.writer.line(
    `* QUOTA "" (STORAGE ${kib(quota.usedBytes)} ${quota.quotaBytes / 1024n})`,
  );
  return true;
}

export const getquotaroot: ImapCommand = {
  name: "GETQUOTAROOT",
  states: AUTHENTICATED,
  async handle(session, args) {
    const name = args.mailbox();
    args.end();
    const folder = await findFolder(session.mailbox!.id, name);
    if (!folder) return no("No such folder", "NONEXISTENT");
    await session.writer.line(`* QUOTAROOT ${quotedMailbox(folder.name)} ""`);
    await sendQuota(session);
    return ok("GETQUOTAROOT completed");
  },
};

export const getquota: ImapCommand = {
  name: "GETQUOTA",
  states: AUTHENTICATED,
  async handle(session, args) {
    const root = args.astring();
    args.end();
    if (root !== "") return no("No such quota root", "NONEXISTENT");
    await sendQuota(session);
    return ok("GETQUOTA completed");
  },
};

export const setquota: ImapCommand = {
  name: "SETQUOTA",
  states: AUTHENTICATED,
  async handle() {
    return no("Quotas are set by your provider", "NOPERM");
  },
};
