// The admin area in a real browser: staff sign-in with a TOTP code generated here with
// otpauth, search, suspend (the customer's login decision refuses at once), role
// enforcement on the server even for direct posts, and markup rendered inert.
import { expect, test, type Page } from "@playwright/test";
import { TOTP } from "otpauth";
import { authenticateMailbox } from "../../lib/server/auth/authenticate-mailbox";
import { db } from "../../lib/server/db/client";
import { addDomain } from "../../lib/server/domain/add-domain";
import { addMailbox } from "../../lib/server/mailbox/add-mailbox";
import { recordAuditEvent } from "../../lib/server/audit/record-audit-event";
import { addStaff } from "../../lib/server/staff/add-staff";
import { confirmTotpEnrolment, startTotpEnrolment } from "../../lib/server/staff/enrol-totp";

const DOMAIN = "e2e-admin.test";
const system = { type: "system" as const };
const staff = {
  admin: { email: `boss@${DOMAIN}`, password: "Velvet Compass 81", secret: "" },
  support: { email: `helper@${DOMAIN}`, password: "Amber Lighthouse 27", secret: "" },
  newcomer: { email: `newcomer@${DOMAIN}`, password: "Copper Orchard 19", secret: "" },
};

function code(secret: string, timestamp = Date.now()): string {
  return new TOTP({ secret, algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp });
}

/** A code the server has not accepted yet: each step's code works once (RFC 6238 §5.2). */
async function unusedCode(who: "admin" | "support"): Promise<string> {
  for (;;) {
    const { totpLastStep } = await db().staffUser.findUniqueOrThrow({
      where: { email: staff[who].email },
    });
    const now = Math.floor(Date.now() / 30_000);
    // The current step, or the next one (accepted as clock drift).
    const step = [now, now + 1].find((s) => totpLastStep === null || s > totpLastStep);
    if (step !== undefined) return code(staff[who].secret, step * 30_000);
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 50));
  }
}

async function enrol(email: string, password: string, role: "admin" | "support") {
  const s = await addStaff({ email, password, role, actor: system });
  const { secret } = await startTotpEnrolment(s.id);
  await confirmTotpEnrolment({ staffId: s.id, code: code(secret), actor: system });
}

async function signIn(page: Page, who: "admin" | "support", totp?: string) {
  await page.goto("/admin/login");
  await page.getByLabel("Email address").fill(staff[who].email);
  await page.getByLabel("Password").fill(staff[who].password);
  await page.getByLabel("Authentication code").fill(totp ?? (await unusedCode(who)));
  await page.getByRole("button", { name: "Sign in" }).click();
  if (!totp) await page.waitForURL(/\/admin$/);
}

// Playwright restarts the worker after a failure and runs beforeAll again: seed once.
test.beforeAll(async () => {
  if (!(await db().domain.findUnique({ where: { name: DOMAIN } }))) {
    await addDomain({ name: DOMAIN, actor: system });
    for (let i = 0; i < 30; i++)
      await addMailbox({
        address: `cust${String(i).padStart(2, "0")}@${DOMAIN}`,
        password: "Tangerine Falls 64",
        actor: system,
      });
    await enrol(staff.admin.email, staff.admin.password, "admin");
    await enrol(staff.support.email, staff.support.password, "support");
    await addStaff({ ...staff.newcomer, role: "support", actor: system });
  }
  for (const who of ["admin", "support"] as const)
    staff[who].secret = (
      await db().staffUser.findUniqueOrThrow({ where: { email: staff[who].email } })
    ).totpSecret!;
});

test("anonymous visitors are sent to staff sign-in", async ({ page }) => {
  for (const path of ["/admin", "/admin/audit", "/admin/domains", "/admin/mailboxes/1"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/admin\/login$/);
  }
});

test("a wrong authentication code keeps staff out", async ({ page }) => {
  const right = code(staff.admin.secret);
  await signIn(page, "admin", right === "123456" ? "654321" : "123456");
  await expect(page.locator("main").getByRole("alert")).toContainText("not right");
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/admin\/login$/);
});

test("support finds a customer, suspends the mailbox, and the login decision refuses at once", async ({
  page,
}) => {
  await signIn(page, "support");
  await expect(page.getByRole("heading", { name: "Find a customer" })).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === "octeportal_staff")!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/admin" });

  await page.getByLabel("Address, part of an address, or domain").fill(`@${DOMAIN}`);
  await page.keyboard.press("Enter");
  await expect(page.getByText("30 mailboxes found.")).toBeVisible();
  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByRole("link", { name: `cust29@${DOMAIN}` })).toBeVisible();

  await page.getByLabel("Address, part of an address, or domain").fill("CUST07");
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: `cust07@${DOMAIN}` }).click();
  await expect(page.getByRole("heading", { name: `cust07@${DOMAIN}` })).toBeVisible();
  // Support sees no admin-only controls.
  await expect(page.getByRole("button", { name: "Delete mailbox" })).toHaveCount(0);

  await page.getByRole("button", { name: "Suspend mailbox" }).click();
  await expect(page.locator("main").getByRole("status")).toContainText("Mailbox suspended");
  await expect(page.getByTestId("mailbox-status")).toContainText("Suspended");
  expect(
    await authenticateMailbox({
      door: "WEB",
      address: `cust07@${DOMAIN}`,
      password: "Tangerine Falls 64",
      ip: "127.0.0.1",
      secure: true,
    }),
  ).toMatchObject({ ok: false, reason: "suspended" });

  await page.getByRole("button", { name: "Issue temporary password" }).click();
  const temp = await page.getByTestId("one-time-secret").textContent();
  expect(temp).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

  const events = await db().auditEvent.findMany({
    where: {
      actorType: "staff",
      actorLabel: staff.support.email,
      action: { startsWith: "mailbox." },
    },
  });
  expect(events.map((e) => e.action).sort()).toEqual([
    "mailbox.suspend",
    "mailbox.temp_password_issued",
  ]);
  expect(JSON.stringify(events, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(
    temp!,
  );
});

test("support turns POP3 off: the POP3 door refuses at once and the customer gets a notice", async ({
  page,
}) => {
  await signIn(page, "support");
  await page.getByLabel("Address, part of an address, or domain").fill(`cust11@${DOMAIN}`);
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: `cust11@${DOMAIN}` }).click();
  await page.getByRole("button", { name: "Turn POP3 off" }).click();
  await expect(page.locator("main").getByRole("status")).toContainText("POP3 access turned off");
  expect(
    await authenticateMailbox({
      door: "POP3",
      address: `cust11@${DOMAIN}`,
      password: "Tangerine Falls 64",
      ip: "127.0.0.1",
      secure: true,
    }),
  ).toMatchObject({ ok: false, reason: "protocol_disabled" });
  const mailbox = await db().mailbox.findUniqueOrThrow({ where: { address: `cust11@${DOMAIN}` } });
  await expect
    .poll(
      async () =>
        (await db().message.findMany({ where: { mailboxId: mailbox.id }, select: { raw: true } }))
          .map((m) => Buffer.from(m.raw).toString("utf8").replace(/=\r\n/g, ""))
          .join("\n"),
      { timeout: 30_000 },
    )
    .toContain("POP3 off");
});

test("admin-only pages and actions are refused to support on the server, even when posted directly", async ({
  browser,
  baseURL,
}) => {
  // The admin adds a domain through the page; the exact server-action request is captured.
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, "admin");
  await adminPage.goto("/admin/domains");
  await expect(adminPage.getByRole("heading", { name: "Domains" })).toBeVisible();
  let captured: { headers: Record<string, string>; body: string } | undefined;
  await adminPage.route("**/admin/domains", async (route, request) => {
    if (request.method() === "POST" && request.headers()["next-action"])
      captured = { headers: request.headers(), body: request.postData() ?? "" };
    await route.continue();
  });
  await adminPage.getByLabel("Domain name").fill("allowed.e2e.test");
  await adminPage.getByRole("button", { name: "Add domain" }).click();
  await expect(adminPage.locator("main").getByRole("status")).toContainText(
    "Domain allowed.e2e.test added",
  );
  expect(captured).toBeDefined();

  const supportPage = await (await browser.newContext()).newPage();
  await signIn(supportPage, "support");
  for (const path of [
    "/admin/domains",
    "/admin/server-settings",
    "/admin/staff",
    "/admin/mailboxes/new",
  ]) {
    await supportPage.goto(path);
    await expect(supportPage).toHaveURL(/\/admin\/forbidden$/);
    await expect(supportPage.getByRole("heading", { level: 1 })).toContainText("403");
  }

  // Replay the admin's server-action request with the support user's session cookie.
  const replay = (page: Page, domain: string) =>
    page.request.post("/admin/domains", {
      headers: {
        "content-type": captured!.headers["content-type"],
        "next-action": captured!.headers["next-action"],
        accept: "text/x-component",
        origin: baseURL!,
      },
      data: captured!.body.replaceAll("allowed.e2e.test", domain),
    });
  const refused = await replay(supportPage, "sneaky.e2e.test");
  expect(await refused.text()).toContain("Only an administrator can do this.");
  expect(await db().domain.count({ where: { name: "sneaky.e2e.test" } })).toBe(0);
  // The same replay with the admin's cookie works, so the refusal above was the role check.
  await replay(adminPage, "replayed.e2e.test");
  expect(await db().domain.count({ where: { name: "replayed.e2e.test" } })).toBe(1);
  expect(
    await db().auditEvent.count({
      where: { action: "domain.add", actorLabel: staff.support.email },
    }),
  ).toBe(0);
});

test("markup and CR/LF in customer-supplied values render inert in admin views", async ({
  page,
}) => {
  const probe = `<script>window.__xss=1</script><img src=x onerror="window.__xss=2">@${DOMAIN}\r\nBcc: evil@x.test`;
  await db().settingsRequest.create({
    data: { address: probe, outcome: "unknown_address", deliveryState: "skipped" },
  });
  await db().passwordResetRequest.create({
    data: { address: probe, outcome: "unknown_address", deliveryState: "skipped" },
  });
  await db().loginAttempt.create({
    data: { door: "WEB", address: probe, success: false, reason: "unknown_user" },
  });
  await recordAuditEvent({
    actor: { type: "customer", label: probe },
    action: "settings.request",
    details: { address: probe },
  });
  await signIn(page, "support");
  await expect(page.getByRole("heading", { name: "Find a customer" })).toBeVisible();
  for (const path of [
    "/admin/settings-requests",
    "/admin/settings-requests?queue=reset-links",
    "/admin/audit",
  ]) {
    await page.goto(path);
    await expect(
      page.getByText("<script>window.__xss=1</script>", { exact: false }).first(),
    ).toBeVisible();
    expect(
      await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    ).toBeUndefined();
    expect(await page.locator("main script, main img[src=x]").count()).toBe(0);
  }
});

test("support sees a failed reset-link delivery (error, no link) and queues it again", async ({
  page,
}) => {
  const mailbox = await db().mailbox.findUniqueOrThrow({ where: { address: `cust07@${DOMAIN}` } });
  const job = await db().passwordResetRequest.create({
    data: {
      address: mailbox.address,
      mailboxId: mailbox.id,
      outcome: "queued",
      deliveryState: "failed",
      attempts: 6,
      lastError: "550 relay refused the reset link",
    },
  });
  await signIn(page, "support");
  await page.getByRole("link", { name: "Email queue" }).click();
  await page.getByRole("link", { name: "Reset links" }).click();
  await page.waitForURL(/queue=reset-links$/);
  await page.getByRole("navigation", { name: "Filter by delivery" }).getByText("failed").click();
  await page.waitForURL(/queue=reset-links&state=failed$/);
  const row = page.getByTestId("queued-request").filter({ hasText: mailbox.address });
  await expect(row).toContainText("550 relay refused the reset link");
  await expect(row).not.toContainText("token");
  await row.getByRole("button", { name: "Queue again" }).click();
  // Queued again, the row leaves the "failed" list (and its confirmation with it).
  await expect(row).toHaveCount(0);
  await expect
    .poll(
      async () =>
        (await db().passwordResetRequest.findUniqueOrThrow({ where: { id: job.id } }))
          .deliveryState,
    )
    .not.toBe("failed");
  expect(
    await db().auditEvent.count({
      where: { action: "password_reset_request.retry", targetId: String(job.id) },
    }),
  ).toBe(1);
});

test("enrolment: QR code, a code from the app, ten backup codes shown once, each usable once", async ({
  page,
}) => {
  const { email, password } = staff.newcomer;
  const signInWith = async (authCode: string) => {
    await page.goto("/admin/login");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByLabel("Authentication code").fill(authCode);
    await page.getByRole("button", { name: "Sign in" }).click();
  };
  // This suite runs with STAFF_MFA_REQUIRED=false: no authenticator yet, so no code needed.
  await signInWith("");
  await page.waitForURL(/\/admin$/);
  await page.goto("/admin/enrol");
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!;
  await page.getByLabel("Authentication code").fill(code(secret));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByTestId("backup-codes").locator("li")).toHaveCount(10);
  const codes = await page.getByTestId("backup-codes").locator("li").allTextContents();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/admin\/login$/);

  // Now a code is required; a backup code works once.
  await signInWith("");
  await expect(page.locator("main").getByRole("alert")).toBeVisible();
  await signInWith(codes[0]);
  await page.waitForURL(/\/admin$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/admin\/login$/);
  await signInWith(codes[0]);
  await expect(page.locator("main").getByRole("alert")).toContainText("not right");
  // The enrolment code's step is spent; the next step's code is accepted as clock drift.
  await signInWith(code(secret, Date.now() + 30_000));
  await page.waitForURL(/\/admin$/);
});
