import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { verifyPassword } from "@/lib/server/password/hashing";

function cli(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", path.resolve("cli/main.ts"), ...args],
    {
      encoding: "utf8",
      env: { ...process.env },
      timeout: 60_000,
    },
  );
  return { code: result.status, out: result.stdout, err: result.stderr };
}

// Each case spawns the real CLI process (tsx start-up dominates), hence the generous timeout.
describe("operator CLI against PostgreSQL", { timeout: 240_000 }, () => {
  it("adds a domain and a mailbox with a Dovecot-format argon2id hash and default folders", async () => {
    expect(cli("domain", "add", "Example.ORG")).toMatchObject({
      code: 0,
      out: "domain example.org added\n",
    });
    const added = cli(
      "mailbox",
      "add",
      "Alice@Example.org",
      "--password",
      "Correct Horse 9",
      "--quota",
      "500MB",
      "--recovery-email",
      "alice@elsewhere.net",
    );
    expect(added).toMatchObject({ code: 0, out: "mailbox alice@example.org added\n" });
    const mailbox = await db().mailbox.findUniqueOrThrow({
      where: { address: "alice@example.org" },
      include: { folders: true },
    });
    expect(mailbox.passwordHash).toMatch(/^\{ARGON2ID\}\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(await verifyPassword(mailbox.passwordHash, "Correct Horse 9")).toBe(true);
    expect(await verifyPassword(mailbox.passwordHash, "correct horse 9")).toBe(false);
    expect(mailbox.quotaBytes).toBe(500n * 1024n * 1024n);
    expect(mailbox.recoveryEmail).toBe("alice@elsewhere.net");
    expect(mailbox.folders.map((f) => f.name).sort()).toEqual([
      "Drafts",
      "INBOX",
      "Junk",
      "Sent",
      "Trash",
    ]);
  });

  it("fails clearly with a non-zero exit", () => {
    expect(cli("domain", "add", "example.org")).toMatchObject({
      code: 1,
      err: expect.stringContaining("already exists"),
    });
    expect(
      cli("mailbox", "add", "alice@example.org", "--password", "Another Pass 77"),
    ).toMatchObject({ code: 1, err: expect.stringContaining("already exists") });
    expect(
      cli("mailbox", "add", "bob@unknown.test", "--password", "Another Pass 77"),
    ).toMatchObject({ code: 1, err: expect.stringContaining("Unknown domain unknown.test") });
    expect(cli("mailbox", "add", "bob@example.org", "--password", "password1")).toMatchObject({
      code: 1,
      err: expect.stringContaining("most commonly used"),
    });
    expect(cli("mailbox", "add", "bob@example.org", "--password", "short")).toMatchObject({
      code: 1,
      err: expect.stringContaining("at least 8"),
    });
    expect(cli("mailbox", "add", "not-an-address", "--password", "Another Pass 77")).toMatchObject({
      code: 1,
      err: expect.stringContaining("email address"),
    });
    expect(
      cli("mailbox", "add", "bob@example.org", "--password", "Another Pass 77", "--quota", "lots"),
    ).toMatchObject({ code: 1, err: expect.stringContaining("--quota") });
    expect(
      cli("staff", "add", "s@example.org", "--password", "Staff Secret 12", "--role", "boss"),
    ).toMatchObject({ code: 1, err: expect.stringContaining("admin or support") });
    expect(cli("frobnicate")).toMatchObject({ code: 1, err: expect.stringContaining("usage") });
  });

  it("changes passwords, suspends and resumes, adds staff, and audits each", async () => {
    expect(
      cli("mailbox", "passwd", "ALICE@example.org", "--password", "New Secret Words"),
    ).toMatchObject({ code: 0 });
    const after = await db().mailbox.findUniqueOrThrow({ where: { address: "alice@example.org" } });
    expect(await verifyPassword(after.passwordHash, "Correct Horse 9")).toBe(false);
    expect(await verifyPassword(after.passwordHash, "New Secret Words")).toBe(true);
    expect(after.sessionVersion).toBe(1);
    expect(cli("mailbox", "suspend", "alice@example.org")).toMatchObject({ code: 0 });
    expect((await db().mailbox.findUniqueOrThrow({ where: { id: after.id } })).suspended).toBe(
      true,
    );
    expect(cli("mailbox", "resume", "alice@example.org")).toMatchObject({ code: 0 });
    expect((await db().mailbox.findUniqueOrThrow({ where: { id: after.id } })).suspended).toBe(
      false,
    );
    expect(cli("mailbox", "suspend", "nobody@example.org")).toMatchObject({ code: 1 });
    expect(
      cli("staff", "add", "Help@Example.org", "--password", "Staff Secret 12", "--role", "support"),
    ).toMatchObject({ code: 0 });
    const actions = (await db().auditEvent.findMany({ orderBy: { id: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual([
      "domain.add",
      "mailbox.add",
      "mailbox.passwd",
      "mailbox.suspend",
      "mailbox.resume",
      "staff.add",
    ]);
    const audit = JSON.stringify(
      await db().auditEvent.findMany({
        select: { details: true, actorLabel: true, targetId: true },
      }),
    );
    expect(audit).not.toContain("New Secret Words");
    expect(audit).not.toContain("ARGON2ID");
  });
});
