// The audit log, newest first, filterable by action, actor, target and date.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db/client";
import { assertRole, type StaffContext } from "./staff-context";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = {
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  /** ISO date (YYYY-MM-DD): events on or after this day. */
  from?: string;
  page?: number;
};

export async function listAuditEvents(staff: StaffContext, filter: AuditFilter = {}) {
  assertRole(staff, "support");
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.action) where.action = { startsWith: filter.action.trim().slice(0, 100) };
  if (filter.actor) where.actorLabel = { contains: filter.actor.trim().slice(0, 320) };
  if (filter.targetType) where.targetType = filter.targetType.trim().slice(0, 50);
  if (filter.targetId) where.targetId = filter.targetId.trim().slice(0, 50);
  if (filter.from && /^\d{4}-\d{2}-\d{2}$/.test(filter.from)) {
    const from = new Date(`${filter.from}T00:00:00Z`);
    if (!Number.isNaN(from.getTime())) where.at = { gte: from };
  }
  const page = Math.max(1, Math.floor(filter.page ?? 1) || 1);
  const [total, rows] = await Promise.all([
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  return {
    total,
    page,
    pageCount: Math.ceil(total / AUDIT_PAGE_SIZE),
    rows: rows.map((r) => ({
      id: r.id.toString(),
      at: r.at,
      actorType: r.actorType,
      actorId: r.actorId,
      actorLabel: r.actorLabel,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      ip: r.ip,
      details: r.details === null ? "" : JSON.stringify(r.details),
    })),
  };
}
