import { AppError } from "@/lib/server/errors/app-error";
import { db } from "@/lib/server/db/client";
import { domainNameSchema } from "@/lib/server/mailbox/address";
import { recordAuditEvent, type AuditActor } from "@/lib/server/audit/record-audit-event";

export type AddDomainOptions = { name: string; actor: AuditActor };

export async function addDomain({ name, actor }: AddDomainOptions) {
  const parsed = domainNameSchema.safeParse(name);
  if (!parsed.success) throw new AppError("INVALID_INPUT", parsed.error.issues[0].message, "name");
  return db().$transaction(async (tx) => {
    const existing = await tx.domain.findUnique({ where: { name: parsed.data } });
    if (existing)
      throw new AppError("ALREADY_EXISTS", `Domain ${parsed.data} already exists.`, "name");
    const domain = await tx.domain.create({ data: { name: parsed.data } });
    await recordAuditEvent(
      {
        actor,
        action: "domain.add",
        target: { type: "domain", id: domain.id },
        details: { name: domain.name },
      },
      tx,
    );
    return domain;
  });
}
