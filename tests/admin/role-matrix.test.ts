// The route/action matrix at the domain layer: anonymous, customer, support and admin ×
// every admin operation. Only the allowed ones succeed; each successful action leaves
// exactly one audit event naming the right actor and target; no secret reaches the audit table.
import { beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import {
  createMailboxAsAdmin,
  deleteMailboxAsAdmin,
} from "@/lib/server/admin/create-delete-mailbox";
import {
  setMailboxQuota,
  setProtocolAccess,
  setSuspendedAsStaff,
} from "@/lib/server/admin/change-mailbox";
import { addDomainAsAdmin, listDomains, setDomainActive } from "@/lib/server/admin/domains";
import { getMailboxOverview } from "@/lib/server/admin/get-mailbox-overview";
import { issueTemporaryPassword } from "@/lib/server/admin/issue-temporary-password";
import {
  listPasswordResetRequests,
  retryPasswordResetRequest,
} from "@/lib/server/admin/password-reset-requests";
import { listAuditEvents } from "@/lib/server/admin/list-audit-events";
import { resolveStaffSession } from "@/lib/server/admin/resolve-staff-session";
import { searchMailboxes } from "@/lib/server/admin/search-mailboxes";
import { sendPasswordResetLink } from "@/lib/server/admin/send-password-reset-link";
import { listServerEndpoints, updateServerEndpoint } from "@/lib/server/admin/server-endpoints";
import {
  listSettingsRequests,
  resendSettingsEmail,
  retrySettingsRequest,
} from "@/lib/server/admin/settings-requests";
import type { StaffContext } from "@/lib/server/admin/staff-context";
import { viewAsCustomer } from "@/lib/server/admin/view-as-customer";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { ensureServerEndpoints } from "@/lib/server/settings/ensure-server-endpoints";
import { addStaff } from "@/lib/server/staff/add-staff";
import {
  addStaffAsAdmin,
  listStaff,
  resetStaffMfa,
  setStaffDisabled,
} from "@/lib/server/staff/manage-staff";
import type { OutgoingMail } from "@/lib/server/mail/send-mail";
import { resetStepText, saveStepText } from "@/lib/server/walkthrough/step-text-overrides";

const system = { type: "system" as const };
const secrets: string[] = [];
const sent: OutgoingMail[] = [];
const send = async (mail: OutgoingMail) => {
  sent.push(mail);
  const token = /token=([\w-]+)/.exec(mail.text)?.[1];
  if (token) secrets.push(token);
};

let n = 0;
let mailboxId: number;
let endpointId: number;

async function freshMailbox() {
  const m = await addMailbox({
    address: `m${++n}@matrix.test`,
    password: "Silver Kettle 31",
    recoveryEmail: `rescue${n}@elsewhere.test`,
    actor: system,
  });
  return m.id;
}
async function failedRequest() {
  const r = await db().settingsRequest.create({
    data: { address: "m0@matrix.test", outcome: "sent", deliveryState: "failed", lastError: "550" },
  });
  return r.id;
}
async function failedResetRequest() {
  const r = await db().passwordResetRequest.create({
    data: {
      address: "m0@matrix.test",
      outcome: "queued",
      deliveryState: "failed",
      lastError: "550",
    },
  });
  return r.id;
}
async function freshStaff() {
  const s = await addStaff({
    email: `crew${++n}@matrix.test`,
    password: "Quiet Lantern 55",
    role: "support",
    actor: system,
  });
  return s.id;
}

/** An action on the shared mailbox: the audit target is that mailbox. */
const onMailbox =
  (work: (staff: StaffContext) => Promise<unknown>) => async (staff: StaffContext) => {
    await work(staff);
    return { targetType: "mailbox", targetId: mailboxId };
  };

type Op = {
  name: string;
  role: "support" | "admin";
  /** Audit action written on success (null for reads). */
  audit: string | null;
  run: (staff: StaffContext) => Promise<{ targetType?: string; targetId?: number } | void>;
};

const ops: Op[] = [
  {
    name: "search",
    role: "support",
    audit: null,
    run: async (s) => void (await searchMailboxes(s, { query: "matrix" })),
  },
  {
    name: "mailbox view",
    role: "support",
    audit: null,
    run: async (s) => void (await getMailboxOverview(s, mailboxId)),
  },
  {
    name: "suspend",
    role: "support",
    audit: "mailbox.suspend",
    run: async (s) => {
      const id = await freshMailbox();
      await setSuspendedAsStaff(s, id, true);
      return { targetType: "mailbox", targetId: id };
    },
  },
  {
    name: "quota",
    role: "support",
    audit: "mailbox.quota",
    run: onMailbox((s) => setMailboxQuota(s, mailboxId, 5 * 1024 ** 3)),
  },
  {
    name: "protocol access",
    role: "support",
    audit: "mailbox.access",
    run: onMailbox((s) => setProtocolAccess(s, mailboxId, "POP3", false)),
  },
  {
    name: "temporary password",
    role: "support",
    audit: "mailbox.temp_password_issued",
    run: async (s) => {
      const { password } = await issueTemporaryPassword(s, mailboxId);
      secrets.push(password);
      return { targetType: "mailbox", targetId: mailboxId };
    },
  },
  {
    name: "reset link",
    role: "support",
    audit: "mailbox.reset_link_sent",
    run: onMailbox((s) => sendPasswordResetLink(s, mailboxId, { send })),
  },
  {
    name: "resend settings",
    role: "support",
    audit: "mailbox.settings_email_resent",
    run: onMailbox((s) => resendSettingsEmail(s, mailboxId, { send })),
  },
  {
    name: "view as customer",
    role: "support",
    audit: "mailbox.view_as_customer",
    run: onMailbox((s) => viewAsCustomer(s, mailboxId)),
  },
  {
    name: "settings queue",
    role: "support",
    audit: null,
    run: async (s) => void (await listSettingsRequests(s)),
  },
  {
    name: "retry delivery",
    role: "support",
    audit: "settings_request.retry",
    run: async (s) => {
      const id = await failedRequest();
      await retrySettingsRequest(s, id);
      return { targetType: "settings_request", targetId: id };
    },
  },
  {
    name: "reset-link queue",
    role: "support",
    audit: null,
    run: async (s) => void (await listPasswordResetRequests(s)),
  },
  {
    name: "queue a reset link again",
    role: "support",
    audit: "password_reset_request.retry",
    run: async (s) => {
      const id = await failedResetRequest();
      await retryPasswordResetRequest(s, id);
      return { targetType: "password_reset_request", targetId: id };
    },
  },
  {
    name: "audit log",
    role: "support",
    audit: null,
    run: async (s) => void (await listAuditEvents(s)),
  },
  {
    name: "create mailbox",
    role: "admin",
    audit: "mailbox.add",
    run: async (s) => {
      const created = await createMailboxAsAdmin(s, { address: `new${++n}@matrix.test` });
      secrets.push(created.temporaryPassword);
      return { targetType: "mailbox", targetId: created.id };
    },
  },
  {
    name: "delete mailbox",
    role: "admin",
    audit: "mailbox.delete",
    run: async (s) => {
      const id = await freshMailbox();
      await deleteMailboxAsAdmin(s, { mailboxId: id, confirmAddress: `M${n}@Matrix.test` });
      return { targetType: "mailbox", targetId: id };
    },
  },
  {
    name: "list domains",
    role: "admin",
    audit: null,
    run: async (s) => void (await listDomains(s)),
  },
  {
    name: "add domain",
    role: "admin",
    audit: "domain.add",
    run: async (s) => {
      const d = await addDomainAsAdmin(s, `d${++n}.matrix.test`);
      return { targetType: "domain", targetId: d.id };
    },
  },
  {
    name: "disable domain",
    role: "admin",
    audit: "domain.disable",
    run: async (s) => {
      const d = await addDomain({ name: `off${++n}.matrix.test`, actor: system });
      await setDomainActive(s, d.id, false);
      return { targetType: "domain", targetId: d.id };
    },
  },
  {
    name: "list server settings",
    role: "admin",
    audit: null,
    run: async (s) => void (await listServerEndpoints(s)),
  },
  {
    name: "edit server settings",
    role: "admin",
    audit: "server_endpoint.update",
    run: async (s) => {
      await updateServerEndpoint(s, endpointId, {
        hostname: `imap${++n}.matrix.test`,
        port: 993,
        recommended: true,
      });
      return { targetType: "server_endpoint", targetId: endpointId };
    },
  },
  {
    name: "edit walkthrough text",
    role: "admin",
    audit: "walkthrough_text.update",
    run: async (s) => {
      const row = await saveStepText(s, {
        clientId: "thunderbird",
        stepId: "address",
        protocol: "IMAP",
        title: `Your address ${++n}`,
        text: "Type {address}.",
      });
      return { targetType: "walkthrough_text", targetId: row.id };
    },
  },
  {
    name: "reset walkthrough text",
    role: "admin",
    audit: "walkthrough_text.reset",
    run: async (s) => {
      const key = { clientId: "outlook", stepId: "email", protocol: "POP3" as const };
      // Something to reset, written outside the check (the reset itself is what is tested).
      const row = await db().walkthroughTextOverride.upsert({
        where: { clientId_stepId_protocol: key },
        create: { ...key, title: "t", text: "x" },
        update: {},
      });
      await resetStepText(s, key);
      return { targetType: "walkthrough_text", targetId: row.id };
    },
  },
  { name: "list staff", role: "admin", audit: null, run: async (s) => void (await listStaff(s)) },
  {
    name: "add staff",
    role: "admin",
    audit: "staff.add",
    run: async (s) => {
      const password = `Fresh Crew Pw ${++n}`;
      secrets.push(password);
      const added = await addStaffAsAdmin(s, {
        email: `added${n}@matrix.test`,
        password,
        role: "support",
      });
      return { targetType: "staff", targetId: added.id };
    },
  },
  {
    name: "reset staff MFA",
    role: "admin",
    audit: "staff.mfa_reset",
    run: async (s) => {
      const id = await freshStaff();
      await resetStaffMfa(s, id);
      return { targetType: "staff", targetId: id };
    },
  },
  {
    name: "disable staff",
    role: "admin",
    audit: "staff.disable",
    run: async (s) => {
      const id = await freshStaff();
      await setStaffDisabled(s, id, true);
      return { targetType: "staff", targetId: id };
    },
  },
];

const people: Record<string, StaffContext | null> = {};

describe("admin operations × who is asking", () => {
  beforeAll(async () => {
    await ensureServerEndpoints(loadEnv());
    endpointId = (
      await db().serverEndpoint.findFirstOrThrow({
        where: { service: "IMAP", security: "IMPLICIT_TLS" },
      })
    ).id;
    await addDomain({ name: "matrix.test", actor: system });
    mailboxId = await freshMailbox();
    secrets.push("Silver Kettle 31", "Quiet Lantern 55");
    const support = await addStaff({
      email: "support@matrix.test",
      password: "Blue Harbour 42",
      role: "support",
      actor: system,
    });
    const admin = await addStaff({
      email: "admin@matrix.test",
      password: "Green Meadow 77",
      role: "admin",
      actor: system,
    });
    secrets.push("Blue Harbour 42", "Green Meadow 77");
    people.anonymous = (await resolveStaffSession(undefined, null, "x".repeat(40)))?.staff ?? null;
    // A customer's portal session is not a staff session.
    people.customer =
      (await resolveStaffSession("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", null, "x".repeat(40)))
        ?.staff ?? null;
    people.support = { id: support.id, email: support.email, role: "support", ip: "203.0.113.5" };
    people.admin = { id: admin.id, email: admin.email, role: "admin", ip: "203.0.113.6" };
  });

  for (const who of ["anonymous", "customer", "support", "admin"] as const) {
    for (const op of ops) {
      const allowed = who === "admin" || (who === "support" && op.role === "support");
      it(`${who} ${allowed ? "may" : "may not"}: ${op.name}`, async () => {
        const staff = people[who] as StaffContext;
        const before = await db().auditEvent.count();
        if (!allowed) {
          const staffEvents = await db().auditEvent.count({ where: { actorType: "staff" } });
          await expect(op.run(staff)).rejects.toMatchObject({ code: "FORBIDDEN" });
          expect(await db().auditEvent.count({ where: { actorType: "staff" } })).toBe(staffEvents);
          return;
        }
        const target = await op.run(staff);
        const after = await db().auditEvent.count();
        if (!op.audit) {
          expect(after).toBe(before);
          return;
        }
        // Fixture set-up may write system events; the staff member's action writes exactly one.
        const newest = await db().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
        expect(newest).toMatchObject({
          actorType: "staff",
          actorId: String(staff.id),
          actorLabel: staff.email,
          ip: staff.ip,
          action: op.audit,
          targetType: target!.targetType,
          targetId: String(target!.targetId),
        });
        expect(after - before - (await systemEventsSince(before))).toBe(1);
      });
    }
  }

  it("no password, temporary password, token or TOTP secret ever reaches the audit table", async () => {
    expect(sent.length).toBeGreaterThan(0);
    expect(secrets.length).toBeGreaterThan(6);
    const tokens = await db().passwordResetToken.findMany();
    const dump = JSON.stringify(await db().auditEvent.findMany(), (_k, v) =>
      typeof v === "bigint" ? v.toString() : v,
    );
    for (const secret of [...secrets, ...tokens.map((t) => t.tokenHash)])
      expect(dump).not.toContain(secret);
    const hashes = await db().mailbox.findMany({
      select: { passwordHash: true, tempPasswordHash: true },
    });
    for (const h of hashes) {
      expect(dump).not.toContain(h.passwordHash.slice(12));
      if (h.tempPasswordHash) expect(dump).not.toContain(h.tempPasswordHash.slice(12));
    }
  });
});

/** System-actor events written by fixture set-up (addMailbox, addDomain, addStaff) since a count. */
async function systemEventsSince(countBefore: number): Promise<number> {
  const rows = await db().auditEvent.findMany({ orderBy: { id: "asc" }, skip: countBefore });
  return rows.filter((r) => r.actorType === "system").length;
}
