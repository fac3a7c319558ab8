"use server";
// Support actions on one mailbox. Each checks the session and role on the server (runAction),
// then calls one lib/ function, which checks the role again and writes the audit event.
import { redirect } from "next/navigation";
import { after } from "next/server";
import { notifySecurityEventSafely } from "@/lib/server/notifications/notify-security-event";
import { z } from "zod";
import type { ActionState } from "@/components/admin/action-state";
import {
  quotaSchema,
  setMailboxQuota,
  setProtocolAccess,
  setSuspendedAsStaff,
} from "@/lib/server/admin/change-mailbox";
import {
  createMailboxAsAdmin,
  deleteMailboxAsAdmin,
} from "@/lib/server/admin/create-delete-mailbox";
import { issueTemporaryPassword } from "@/lib/server/admin/issue-temporary-password";
import { retryPasswordResetRequest } from "@/lib/server/admin/password-reset-requests";
import { sendPasswordResetLink } from "@/lib/server/admin/send-password-reset-link";
import { resendSettingsEmail, retrySettingsRequest } from "@/lib/server/admin/settings-requests";
import { runAction } from "./run-action";

const id = z.coerce.number().int().positive();
const onOff = z.enum(["on", "off"]).transform((v) => v === "on");
const mailboxOnly = z.object({ mailboxId: id });

export async function suspendAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "support",
    z.object({ mailboxId: id, suspend: onOff }),
    form,
    async (staff, v) => {
      await setSuspendedAsStaff(staff, v.mailboxId, v.suspend);
      return {
        ok: v.suspend
          ? "Mailbox suspended: sign-in is refused on the portal and in every email program."
          : "Mailbox resumed.",
      };
    },
  );
}

export async function quotaAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "support",
    z.object({ mailboxId: id, quota: quotaSchema }),
    form,
    async (staff, v) => {
      await setMailboxQuota(staff, v.mailboxId, v.quota);
      return { ok: "Quota saved." };
    },
  );
}

export async function accessAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const schema = z.object({
    mailboxId: id,
    service: z.enum(["IMAP", "POP3", "SMTP"]),
    enabled: onOff,
  });
  return runAction("support", schema, form, async (staff, v) => {
    const mailbox = await setProtocolAccess(staff, v.mailboxId, v.service, v.enabled);
    // The customer hears about it ("this wasn't me"), after the answer has gone out.
    after(() =>
      notifySecurityEventSafely({
        mailboxId: mailbox.id,
        event: {
          kind: "protocol_access_changed",
          imap: mailbox.imapEnabled,
          pop3: mailbox.pop3Enabled,
          smtp: mailbox.smtpEnabled,
        },
        ip: null,
      }),
    );
    return { ok: `${v.service} access turned ${v.enabled ? "on" : "off"}.` };
  });
}

export async function resetLinkAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return runAction("support", mailboxOnly, form, async (staff, v) => {
    const { sentTo } = await sendPasswordResetLink(staff, v.mailboxId);
    return { ok: `A reset link valid for 30 minutes was sent to ${sentTo}.` };
  });
}

export async function tempPasswordAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return runAction("support", mailboxOnly, form, async (staff, v) => {
    const issued = await issueTemporaryPassword(staff, v.mailboxId);
    return {
      ok: `Temporary password for ${issued.address}. Read it to the customer now: it is shown only once, works only on the portal sign-in page (not in email programs) and expires in one hour.`,
      secret: issued.password,
    };
  });
}

export async function resendSettingsAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return runAction("support", mailboxOnly, form, async (staff, v) => {
    await resendSettingsEmail(staff, v.mailboxId);
    return { ok: "The settings email was sent to the mailbox." };
  });
}

export async function retryRequestAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const schema = z.object({
    requestId: id,
    queue: z.enum(["settings", "reset-links"]).default("settings"),
  });
  return runAction("support", schema, form, async (staff, v) => {
    if (v.queue === "reset-links") await retryPasswordResetRequest(staff, v.requestId);
    else await retrySettingsRequest(staff, v.requestId);
    return { ok: "Queued for another delivery attempt." };
  });
}

const createSchema = z.object({
  address: z.string().trim().min(1, "Enter the new mailbox address."),
  recoveryEmail: z.string().trim().optional().default(""),
  quota: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || "2GB")
    .pipe(quotaSchema),
});

export async function createMailboxAction(_p: ActionState, form: FormData): Promise<ActionState> {
  return runAction("admin", createSchema, form, async (staff, v) => {
    const created = await createMailboxAsAdmin(staff, {
      address: v.address,
      recoveryEmail: v.recoveryEmail || undefined,
      quotaBytes: v.quota,
    });
    return {
      ok: `Mailbox ${created.address} created. Give the customer this temporary password (shown once, portal only, one hour) so they can choose their own.`,
      secret: created.temporaryPassword,
    };
  });
}

export async function deleteMailboxAction(_p: ActionState, form: FormData): Promise<ActionState> {
  const schema = z.object({
    mailboxId: id,
    confirmAddress: z.string().trim().min(1, "Type the mailbox address to confirm."),
  });
  const state = await runAction("admin", schema, form, async (staff, v) => {
    const { address } = await deleteMailboxAsAdmin(staff, v);
    return { ok: `Mailbox ${address} deleted.` };
  });
  if (state.ok) redirect(`/admin?deleted=1`);
  return state;
}
