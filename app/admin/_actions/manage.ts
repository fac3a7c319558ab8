"use server";
// Admin-only actions: domains, the server settings customers are shown, staff accounts.
import { z } from "zod";
import type { ActionState } from "@/components/admin/action-state";
import { addDomainAsAdmin, setDomainActive } from "@/lib/server/admin/domains";
import { endpointInputSchema, updateServerEndpoint } from "@/lib/server/admin/server-endpoints";
import { addStaffAsAdmin, resetStaffMfa, setStaffDisabled } from "@/lib/server/staff/manage-staff";
import { runAction } from "./run-action";

const id = z.coerce.number().int().positive();
const onOff = z.enum(["on", "off"]).transform((v) => v === "on");

export async function addDomainAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "admin",
    z.object({ name: z.string().trim().min(1, "Enter a domain name.") }),
    form,
    async (staff, v) => {
      const domain = await addDomainAsAdmin(staff, v.name);
      return { ok: `Domain ${domain.name} added.` };
    },
  );
}

export async function domainActiveAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return runAction("admin", z.object({ domainId: id, active: onOff }), form, async (staff, v) => {
    const domain = await setDomainActive(staff, v.domainId, v.active);
    return { ok: `Domain ${domain.name} ${v.active ? "enabled" : "disabled"}.` };
  });
}

const endpointForm = endpointInputSchema.extend({
  endpointId: id,
  recommended: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});

export async function endpointAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return runAction("admin", endpointForm, form, async (staff, v) => {
    const { endpointId, ...input } = v;
    const saved = await updateServerEndpoint(staff, endpointId, input);
    return { ok: `Saved: ${saved.service} ${saved.hostname}:${saved.port}.` };
  });
}

const staffForm = z.object({
  email: z.string().trim().min(1, "Enter an email address."),
  password: z.string().min(1, "Enter a password."),
  role: z.enum(["support", "admin"], { message: "Choose a role." }),
});

export async function addStaffAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return runAction("admin", staffForm, form, async (staff, v) => {
    const added = await addStaffAsAdmin(staff, v);
    return { ok: `Staff member ${added.email} added as ${added.role}.` };
  });
}

export async function resetStaffMfaAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return runAction("admin", z.object({ staffId: id }), form, async (staff, v) => {
    const target = await resetStaffMfa(staff, v.staffId);
    return {
      ok: `MFA reset for ${target.email}: they set up a new authenticator at next sign-in.`,
    };
  });
}

export async function staffDisabledAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return runAction("admin", z.object({ staffId: id, disabled: onOff }), form, async (staff, v) => {
    const target = await setStaffDisabled(staff, v.staffId, v.disabled);
    return { ok: `${target.email} ${v.disabled ? "disabled" : "enabled"}.` };
  });
}
