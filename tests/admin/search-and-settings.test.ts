// Customer search (address, partial, domain, LIKE wildcards taken literally, pagination),
// server-settings validation (RFC 1123 host names, ports 1–65535, one recommended option),
// reset tokens (random, hashed, 30 minutes, newest voids older) and the relay wrapper.
import { createHash } from "node:crypto";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/support/free-port";

const relayPort = await freePort();
process.env.SMTP_RELAY_URL = `smtp://127.0.0.1:${relayPort}`;

const { loadEnv } = await import("@/lib/env");
const { db } = await import("@/lib/server/db/client");
const { addDomain } = await import("@/lib/server/domain/add-domain");
const { addMailbox } = await import("@/lib/server/mailbox/add-mailbox");
const { searchMailboxes, SEARCH_PAGE_SIZE } = await import("@/lib/server/admin/search-mailboxes");
const { isHostName, updateServerEndpoint } = await import("@/lib/server/admin/server-endpoints");
const { ensureServerEndpoints } = await import("@/lib/server/settings/ensure-server-endpoints");
const { getConnectionSettings } = await import("@/lib/server/settings/get-connection-settings");
const { createPasswordResetToken, RESET_TOKEN_TTL_MS } =
  await import("@/lib/server/password-reset/create-password-reset-token");
const { sendPasswordResetLink } = await import("@/lib/server/admin/send-password-reset-link");

const system = { type: "system" as const };
const admin = { id: 1, email: "admin@ops.test", role: "admin" as const, ip: null };

const received: Array<{ to: string[]; body: string }> = [];
let rejectAll = false;
const relay = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onRcptTo(address, _session, callback) {
    if (rejectAll) return callback(new Error("550 5.1.1 mailbox unavailable"));
    callback();
  },
  onData(stream, session, callback) {
    let body = "";
    stream.on("data", (c) => (body += c));
    stream.on("end", () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
      callback();
    });
  },
});

beforeAll(() => new Promise<void>((r) => relay.listen(relayPort, "127.0.0.1", r)));
afterAll(() => new Promise<void>((r) => relay.close(() => r())));

describe("search", () => {
  beforeAll(async () => {
    await addDomain({ name: "alpha.test", actor: system });
    await addDomain({ name: "beta.test", actor: system });
    const rows = [
      ...Array.from({ length: 30 }, (_, i) => `user${String(i).padStart(2, "0")}@alpha.test`),
      "anna_b@beta.test",
      "annaxb@beta.test",
      "percent%sign@beta.test".replace("%", ""),
    ];
    for (const address of rows)
      await addMailbox({ address, password: "Correct Horse 7", actor: system });
  });

  it("finds by exact address, in any case", async () => {
    const r = await searchMailboxes(admin, { query: "  User07@ALPHA.test " });
    expect(r.kind).toBe("address");
    expect(r.rows.map((m) => m.address)).toEqual(["user07@alpha.test"]);
  });

  it("finds by domain, paginated", async () => {
    const first = await searchMailboxes(admin, { query: "@alpha.test" });
    expect(first).toMatchObject({ kind: "domain", total: 30, pageCount: 2 });
    expect(first.rows).toHaveLength(SEARCH_PAGE_SIZE);
    const second = await searchMailboxes(admin, { query: "alpha.test", page: 2 });
    expect(second.rows.map((m) => m.address)).toEqual(
      ["25", "26", "27", "28", "29"].map((n) => `user${n}@alpha.test`),
    );
  });

  it("finds by partial address, with _ and % taken literally", async () => {
    expect((await searchMailboxes(admin, { query: "ser1" })).total).toBe(10);
    const underscore = await searchMailboxes(admin, { query: "anna_" });
    expect(underscore.rows.map((m) => m.address)).toEqual(["anna_b@beta.test"]);
    expect((await searchMailboxes(admin, { query: "%" })).total).toBe(0);
    expect((await searchMailboxes(admin, { query: "" })).kind).toBe("empty");
  });
});

describe("server settings shown to customers", () => {
  it("accepts RFC 1123 host names only", () => {
    for (const ok of [
      "localhost",
      "mail.example.org",
      "MAIL-1.example.org",
      "a.b.c.d.e",
      "example.org.",
    ])
      expect(isHostName(ok.toLowerCase())).toBe(true);
    for (const bad of [
      "",
      "-mail.example.org",
      "mail-.example.org",
      "mail..example.org",
      "mail_1.example.org",
      "mail example.org",
      "<script>",
      "a".repeat(64) + ".org",
      "1.2.3.4",
      "mail.example.org\r\nX: y",
    ])
      expect(isHostName(bad)).toBe(false);
  });

  it("validates ports, keeps one recommended option, and customers see the change at once", async () => {
    await ensureServerEndpoints(loadEnv());
    const rows = await db().serverEndpoint.findMany({ where: { service: "IMAP" } });
    const implicit = rows.find((r) => r.security === "IMPLICIT_TLS")!;
    const starttls = rows.find((r) => r.security === "STARTTLS")!;
    for (const port of [0, 65536, -1, 1.5])
      await expect(
        updateServerEndpoint(admin, implicit.id, {
          hostname: "imap.example.org",
          port,
          recommended: true,
        }),
      ).rejects.toMatchObject({ code: "INVALID_INPUT", field: "port" });
    await expect(
      updateServerEndpoint(admin, implicit.id, {
        hostname: "imap_.example.org",
        port: 993,
        recommended: true,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", field: "hostname" });
    await expect(
      updateServerEndpoint(admin, implicit.id, {
        hostname: "imap.example.org",
        port: 993,
        recommended: false,
      }),
    ).rejects.toMatchObject({ field: "recommended" });

    await updateServerEndpoint(admin, starttls.id, {
      hostname: "IMAP.Example.org",
      port: 143,
      recommended: true,
    });
    const settings = await getConnectionSettings({
      address: "user01@alpha.test",
      protocol: "IMAP",
    });
    expect(settings.incoming.recommended).toMatchObject({
      hostname: "imap.example.org",
      port: 143,
      security: "STARTTLS",
    });
    expect(settings.imap.options.filter((o) => o.recommended)).toHaveLength(1);
  });
});

describe("password-reset link", () => {
  it("tokens are 256-bit random, stored only as SHA-256, expire in 30 minutes, and the newest voids older", async () => {
    const mailbox = await db().mailbox.findUniqueOrThrow({
      where: { address: "user01@alpha.test" },
    });
    const first = await createPasswordResetToken({ mailboxId: mailbox.id });
    const second = await createPasswordResetToken({ mailboxId: mailbox.id });
    expect(Buffer.from(first.token, "base64url")).toHaveLength(32);
    expect(first.token).not.toBe(second.token);
    expect(second.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(RESET_TOKEN_TTL_MS);
    expect(second.expiresAt.getTime() - Date.now()).toBeGreaterThan(RESET_TOKEN_TTL_MS - 60_000);
    const rows = await db().passwordResetToken.findMany({
      where: { mailboxId: mailbox.id },
      orderBy: { id: "asc" },
    });
    const sha = (t: string) => createHash("sha256").update(t).digest("hex");
    expect(rows.map((r) => r.tokenHash)).toEqual([sha(first.token), sha(second.token)]);
    expect(JSON.stringify(rows)).not.toContain(first.token);
    expect(rows[0].usedAt).not.toBeNull();
    expect(rows[1].usedAt).toBeNull();
  });

  it("is mailed through the relay to the recovery address; a refusal is reported to staff", async () => {
    const m = await addMailbox({
      address: "reset.me@alpha.test",
      password: "Correct Horse 7",
      recoveryEmail: "me@elsewhere.test",
      actor: system,
    });
    await sendPasswordResetLink(admin, m.id);
    expect(received.at(-1)!.to).toEqual(["me@elsewhere.test"]);
    expect(received.at(-1)!.body.replace(/=\r?\n/g, "")).toMatch(
      /\/password\/reset\?token=[\w-]{43}/,
    );
    rejectAll = true;
    await expect(sendPasswordResetLink(admin, m.id)).rejects.toMatchObject({
      code: "UNAVAILABLE",
      message: expect.stringMatching(/could not be sent.*mailbox unavailable/),
    });
    rejectAll = false;
    const events = await db().auditEvent.findMany({
      where: { action: "mailbox.reset_link_sent" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => (e.details as { delivered: boolean }).delivered)).toEqual([
      true,
      false,
    ]);
  });
});
