// The admin editor's domain layer: staff words replace a step's default for one protocol,
// customers then read them (tokens filled in), bad input is refused, reset brings the default
// back, and every change leaves one audit event. (Who may do it: tests/admin/role-matrix.)
import { beforeAll, describe, expect, it } from "vitest";
import { addStaff } from "@/lib/server/staff/add-staff";
import type { StaffContext } from "@/lib/server/admin/staff-context";
import { db } from "@/lib/server/db/client";
import { loadCustomerWalkthrough } from "@/lib/server/walkthrough/load-customer-walkthrough";
import {
  listEditableSteps,
  resetStepText,
  saveStepText,
} from "@/lib/server/walkthrough/step-text-overrides";
import { seedWalkthroughWorld } from "./support/seed";

let admin: StaffContext;
const customer = { address: "jane.doe@walk.test", preferredProtocol: "IMAP" as const };
const key = { clientId: "thunderbird", stepId: "address", protocol: "IMAP" as const };

const stepText = async (protocol: "IMAP" | "POP3") =>
  (await loadCustomerWalkthrough({ customer, clientId: "thunderbird", protocol })).steps.find(
    (s) => s.id === "address",
  )!;

beforeAll(async () => {
  await seedWalkthroughWorld();
  const staff = await addStaff({
    email: "editor@walk.test",
    password: "Copper Lantern 88",
    role: "admin",
    actor: { type: "system" },
  });
  admin = { id: staff.id, email: staff.email, role: "admin", ip: "198.51.100.7" };
});

describe("editing walkthrough step texts", () => {
  it("lists each step of a client for one protocol with its default words, tokens visible", async () => {
    const imap = await listEditableSteps(admin, { clientId: "thunderbird", protocol: "IMAP" });
    const pop3 = await listEditableSteps(admin, { clientId: "thunderbird", protocol: "POP3" });
    expect(imap.clientName).toBe("Thunderbird");
    expect(imap.steps.map((s) => s.number)).toEqual(imap.steps.map((_, i) => i + 1));
    expect(imap.steps.find((s) => s.stepId === "address")!.defaultText).toContain("{address}");
    expect(imap.steps.every((s) => s.override === null)).toBe(true);
    expect(JSON.stringify(pop3.steps)).not.toEqual(JSON.stringify(imap.steps));
  });

  it("saves words that customers then read with their own values, for that protocol only", async () => {
    const defaultPop3 = (await stepText("POP3")).text;
    const audits = await db().auditEvent.count();
    await saveStepText(admin, {
      ...key,
      title: "  Your own address  ",
      text: "Type {address}\r\nexactly.",
    });
    expect(await db().auditEvent.count()).toBe(audits + 1);
    const step = await stepText("IMAP");
    expect(step.title).toBe("Your own address");
    expect(step.text).toBe("Type jane.doe@walk.test\nexactly.");
    expect((await stepText("POP3")).text).toBe(defaultPop3);
    const listed = await listEditableSteps(admin, { clientId: "thunderbird", protocol: "IMAP" });
    expect(listed.steps.find((s) => s.stepId === "address")!.override).toMatchObject({
      title: "Your own address",
    });
    const event = await db().auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(event).toMatchObject({ action: "walkthrough_text.update", actorId: String(admin.id) });
    expect(JSON.stringify(event.details)).toContain("{address}");
  });

  it("refuses empty words, unknown placeholders, control characters and unknown steps", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ title: " " }, "title"],
      [{ text: "Type {adress}." }, "text"],
      [{ text: "bell \u0007" }, "text"],
      [{ text: "x".repeat(2001) }, "text"],
    ];
    for (const [change, field] of cases)
      await expect(
        saveStepText(admin, { ...key, title: "T", text: "X", ...change }),
      ).rejects.toMatchObject({ code: "INVALID_INPUT", field });
    await expect(
      saveStepText(admin, { ...key, stepId: "no-such-step", title: "T", text: "X" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      saveStepText(admin, { ...key, clientId: "pine", title: "T", text: "X" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await stepText("IMAP")).title).toBe("Your own address");
  });

  it("resets to the default, once", async () => {
    await resetStepText(admin, key);
    const listed = await listEditableSteps(admin, { clientId: "thunderbird", protocol: "IMAP" });
    const step = listed.steps.find((s) => s.stepId === "address")!;
    expect(step.override).toBeNull();
    expect((await stepText("IMAP")).title).toBe(step.defaultTitle);
    await expect(resetStepText(admin, key)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
