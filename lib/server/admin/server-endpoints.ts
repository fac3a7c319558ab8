// Admin-only: the host names, ports and recommended security per protocol that customers
// are shown. getConnectionSettings reads these rows on every request, so walkthroughs and
// autoconfig answers change at once.
import { z } from "zod";
import { recordAuditEvent } from "@/lib/server/audit/record-audit-event";
import { db } from "@/lib/server/db/client";
import { AppError } from "@/lib/server/errors/app-error";
import { assertRole, staffActor, type StaffContext } from "./staff-context";

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, ≤ 253. */
export function isHostName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.replace(/\.$/, "").split(".");
  return labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]);
}

export const endpointInputSchema = z.object({
  hostname: z
    .string()
    .trim()
    .toLowerCase()
    .refine(isHostName, "Enter a host name such as mail.example.org (letters, digits, hyphens)."),
  port: z.coerce
    .number({ message: "Enter a port number." })
    .int("Enter a whole number.")
    .min(1, "Ports go from 1 to 65535.")
    .max(65535, "Ports go from 1 to 65535."),
  recommended: z.boolean(),
});
export type EndpointInput = z.infer<typeof endpointInputSchema>;

export async function listServerEndpoints(staff: StaffContext) {
  assertRole(staff, "admin");
  return db().serverEndpoint.findMany({ orderBy: [{ service: "asc" }, { security: "asc" }] });
}

export async function updateServerEndpoint(
  staff: StaffContext,
  endpointId: number,
  input: EndpointInput,
) {
  assertRole(staff, "admin");
  const parsed = endpointInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("INVALID_INPUT", issue.message, String(issue.path[0]));
  }
  const value = parsed.data;
  return db().$transaction(async (tx) => {
    const before = await tx.serverEndpoint.findUnique({ where: { id: endpointId } });
    if (!before) throw new AppError("NOT_FOUND", "No such server setting.");
    // Exactly one recommended option per protocol.
    if (value.recommended)
      await tx.serverEndpoint.updateMany({
        where: { service: before.service, id: { not: endpointId } },
        data: { recommended: false },
      });
    else if (before.recommended)
      throw new AppError(
        "INVALID_INPUT",
        "Mark the other option as recommended instead: one must stay recommended.",
        "recommended",
      );
    const after = await tx.serverEndpoint.update({ where: { id: endpointId }, data: value });
    await recordAuditEvent(
      {
        actor: staffActor(staff),
        action: "server_endpoint.update",
        target: { type: "server_endpoint", id: endpointId },
        details: {
          service: before.service,
          security: before.security,
          from: { hostname: before.hostname, port: before.port, recommended: before.recommended },
          to: { hostname: after.hostname, port: after.port, recommended: after.recommended },
        },
      },
      tx,
    );
    return after;
  });
}
