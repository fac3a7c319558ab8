import { AppError } from "@/lib/server/errors/app-error";
import { db } from "@/lib/server/db/client";
import { mailboxAddressSchema, splitAddress } from "@/lib/server/mailbox/address";
import { DEFAULT_FOLDERS, newUidValidity } from "@/lib/server/mailbox/default-folders";
import { assertPasswordAllowed } from "@/lib/server/password/check-password-policy";
import { hashPassword } from "@/lib/server/password/hashing";
import { recordAuditEvent, type AuditActor } from "@/lib/server/audit/record-audit-event";
import type { MailProtocol } from "@/lib/generated/prisma/enums";

export type AddMailboxOptions = {
  address: string;
  password: string;
  quotaBytes?: number;
  recoveryEmail?: string;
  preferredProtocol?: MailProtocol;
  actor: AuditActor;
};

export async function addMailbox(options: AddMailboxOptions) {
  const parsed = mailboxAddressSchema.safeParse(options.address);
  if (!parsed.success)
    throw new AppError("INVALID_INPUT", parsed.error.issues[0].message, "address");
  const address = parsed.data;
  let recoveryEmail: string | undefined;
  if (options.recoveryEmail) {
    const r = mailboxAddressSchema.safeParse(options.recoveryEmail);
    if (!r.success) throw new AppError("INVALID_INPUT", r.error.issues[0].message, "recoveryEmail");
    if (r.data === address)
      throw new AppError(
        "INVALID_INPUT",
        "The recovery address must be a different mailbox.",
        "recoveryEmail",
      );
    recoveryEmail = r.data;
  }
  if (options.quotaBytes !== undefined && !(options.quotaBytes > 0))
    throw new AppError("INVALID_INPUT", "Quota must be a positive size.", "quota");
  assertPasswordAllowed(options.password, address);
  const { localPart, domain: domainName } = splitAddress(address);
  const passwordHash = await hashPassword(options.password);

  return db().$transaction(async (tx) => {
    const domain = await tx.domain.findUnique({ where: { name: domainName } });
    if (!domain)
      throw new AppError(
        "NOT_FOUND",
        `Unknown domain ${domainName}: add it first (domain add ${domainName}).`,
        "address",
      );
    if (await tx.mailbox.findUnique({ where: { address } }))
      throw new AppError("ALREADY_EXISTS", `Mailbox ${address} already exists.`, "address");
    const uidValidity = newUidValidity();
    const mailbox = await tx.mailbox.create({
      data: {
        address,
        localPart,
        domainId: domain.id,
        passwordHash,
        recoveryEmail,
        preferredProtocol: options.preferredProtocol,
        quotaBytes: options.quotaBytes === undefined ? undefined : BigInt(options.quotaBytes),
        folders: { create: DEFAULT_FOLDERS.map((f) => ({ ...f, uidValidity })) },
      },
    });
    await recordAuditEvent(
      {
        actor: options.actor,
        action: "mailbox.add",
        target: { type: "mailbox", id: mailbox.id },
        details: { address },
      },
      tx,
    );
    return mailbox;
  });
}
