// Support's changes to a mailbox: suspend/resume, quota, protocol access. Each is read by
// the login decision and the mail store directly, so it applies on every door at commit.
import { z } from "zod";
import type { MailService } from "@/lib/generated/prisma/enums";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import { parseByteSize } from "@/lib/env";
import { assertRole, staffActor, type StaffContext } from "./staff-context";

const MIN_QUOTA = 1024 * 1024;
const MAX_QUOTA = 1024 ** 4;

export const quotaSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const bytes = parseByteSize(text);
    if (bytes === null || bytes < MIN_QUOTA || bytes > MAX_QUOTA) {
      ctx.addIssue({ code: "custom", message: "Enter a size between 1MB and 1TB, such as 2GB." });
      return z.NEVER;
    }
    return bytes;
  });

export async function setSuspendedAsStaff(
  staff: StaffContext,
  mailboxId: number,
  suspended: boolean,
) {
  assertRole(staff, "support");
  return setMailboxSuspended({ mailboxId, suspended, actor: staffActor(staff) });
}

export async function setMailboxQuota(staff: StaffContext, mailboxId: number, quotaBytes: number) {
  assertRole(staff, "support");
  if (!Number.isInteger(quotaBytes) || quotaBytes < MIN_QUOTA || quotaBytes > MAX_QUOTA)
    throw new AppError("INVALID_INPUT", "Enter a size between 1MB and 1TB.", "quota");
  return db().$transaction(async (tx) => {
    const before = await tx.mailbox.findUnique({ where: { id: mailboxId } });
    if (!before) throw new AppError("NOT_FOUND", "No such mailbox.");
    const mailbox = await tx.mailbox.update({
      where: { id: mailboxId },
      data: { quotaBytes: BigInt(quotaBytes) },
    });
    await recordAuditEvent(
      {
        actor: staffActor(staff),
        action: "mailbox.quota",
        target: { type: "mailbox", id: mailboxId },
        details: { address: mailbox.address, from: Number(before.quotaBytes), to: quotaBytes },
      },
      tx,
    );
    return mailbox;
  });
}

const FLAG = { IMAP: "imapEnabled", POP3: "pop3Enabled", SMTP: "smtpEnabled" } as const;

export async function setProtocolAccess(
  staff: StaffContext,
  mailboxId: number,
  service: MailService,
  enabled: boolean,
) {
  assertRole(staff, "support");
  if (!(service in FLAG)) throw new AppError("INVALID_INPUT", "Unknown protocol.", "service");
  return db().$transaction(async (tx) => {
    const mailbox = await tx.mailbox.update({
      where: { id: mailboxId },
      data: { [FLAG[service]]: enabled },
    });
    await recordAuditEvent(
      {
        actor: staffActor(staff),
        action: "mailbox.access",
        target: { type: "mailbox", id: mailboxId },
        details: { address: mailbox.address, service, enabled },
      },
      tx,
    );
    return mailbox;
  });
}
