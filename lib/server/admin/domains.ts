// Admin-only domain management. A disabled domain refuses every login on every door (the
// login decision reads Domain.active).
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { assertRole, staffActor, type StaffContext } from "./staff-context";

export async function listDomains(staff: StaffContext) {
  assertRole(staff, "admin");
  const domains = await db().domain.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { mailboxes: true } } },
  });
  return domains.map((d) => ({
    id: d.id,
    name: d.name,
    active: d.active,
    createdAt: d.createdAt,
    mailboxes: d._count.mailboxes,
  }));
}

export async function addDomainAsAdmin(staff: StaffContext, name: string) {
  assertRole(staff, "admin");
  return addDomain({ name, actor: staffActor(staff) });
}

export async function setDomainActive(staff: StaffContext, domainId: number, active: boolean) {
  assertRole(staff, "admin");
  return db().$transaction(async (tx) => {
    const domain = await tx.domain.update({ where: { id: domainId }, data: { active } });
    await recordAuditEvent(
      {
        actor: staffActor(staff),
        action: active ? "domain.enable" : "domain.disable",
        target: { type: "domain", id: domain.id },
        details: { name: domain.name },
      },
      tx,
    );
    return domain;
  });
}
