import type { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/server/db/client";

export type AuditActor = {
  type: "staff" | "customer" | "cli" | "system";
  id?: string | number;
  label?: string;
  ip?: string | null;
};

export type AuditEventInput = {
  actor: AuditActor;
  action: string;
  target?: { type: string; id: string | number };
  /** Never put passwords, tokens or secrets here. */
  details?: Prisma.InputJsonValue;
};

export async function recordAuditEvent(input: AuditEventInput, tx: Tx = db()): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorType: input.actor.type,
      actorId: input.actor.id?.toString(),
      actorLabel: input.actor.label,
      ip: input.actor.ip ?? undefined,
      action: input.action,
      targetType: input.target?.type,
      targetId: input.target?.id.toString(),
      details: input.details,
    },
  });
}
