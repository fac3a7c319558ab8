// Sign in, the one generic failure, sign out that really ends the session, headers, a11y.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { db } from "../../lib/server/db/client";
import { setMailboxSuspended } from "../../lib/server/mailbox/set-mailbox-suspended";
import { DOMAIN, expectSignInRefused, newClient, seedMailbox, signIn } from "./support";

test("an upper-case address signs in; the password stays case sensitive", async ({ browser }) => {
  const mailbox = await seedMailbox("casing", "Quiet Meadow River 7");
  const context = await newClient(browser);
  const page = await context.newPage();
  await expectSignInRefused(page, mailbox.address, "quiet Meadow River 7");
  await signIn(page, mailbox.address.toUpperCase(), "Quiet Meadow River 7");
  await expect(page.getByTestId("username")).toHaveText(mailbox.address);
  await expect(page.getByTestId("signed-in-as")).toHaveText(mailbox.address);
  await context.close();
});

test("wrong password, unknown address and suspended mailbox get the identical answer", async ({
  browser,
}) => {
  const active = await seedMailbox("same-answer");
  const suspended = await seedMailbox("suspended");
  await setMailboxSuspended({
    mailboxId: suspended.id,
    suspended: true,
    actor: { type: "system" },
  });
  const context = await newClient(browser);
  const page = await context.newPage();
  const answers = [
    await expectSignInRefused(page, active.address, "not the password at all"),
    await expectSignInRefused(page, `nobody-here@${DOMAIN}`, "not the password at all"),
    await expectSignInRefused(page, suspended.address, suspended.password),
  ];
  expect(new Set(answers.map((a) => a.status))).toEqual(new Set([401]));
  expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  const reasons = await db().loginAttempt.findMany({
    where: { address: { in: [active.address, suspended.address, `nobody-here@${DOMAIN}`] } },
    orderBy: { id: "asc" },
    select: { reason: true, door: true },
  });
  expect(reasons).toEqual([
    { reason: "wrong_password", door: "WEB" },
    { reason: "unknown_user", door: "WEB" },
    { reason: "suspended", door: "WEB" },
  ]);
  await context.close();
});

test("signed-in pages need a session; sign out ends it, and a replayed cookie is refused", async ({
  browser,
}) => {
  const mailbox = await seedMailbox("signout");
  const context = await newClient(browser);
  const page = await context.newPage();
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, mailbox.address, mailbox.password);
  const saved = await context.cookies();
  expect(saved.find((c) => c.name === "octeportal.session")).toMatchObject({
    httpOnly: true,
    sameSite: "Lax",
  });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?signed-out=1$/);
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login$/);

  const replay = await newClient(browser);
  await replay.addCookies(saved);
  const replayPage = await replay.newPage();
  await replayPage.goto("/settings");
  await expect(replayPage).toHaveURL(/\/login$/);
  await replay.close();
  await context.close();
});

test("security headers, no caching of signed-in pages, no CSP violations", async ({ browser }) => {
  const mailbox = await seedMailbox("headers");
  const context = await newClient(browser);
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  const login = await page.goto("/login");
  const headers = login!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["strict-transport-security"]).toBeUndefined(); // http here; https sends it
  const nonceA = /nonce-([^']+)/.exec(headers["content-security-policy"])![1];

  await signIn(page, mailbox.address, mailbox.password);
  const settings = await page.goto("/settings");
  expect(settings!.headers()["cache-control"]).toContain("no-store");
  expect(settings!.headers()["content-security-policy"]).not.toContain(nonceA);
  // Hydrated under the CSP: a client-side action works.
  await page.getByRole("button", { name: "Copy username" }).click();
  await expect(page.getByRole("button", { name: "Copy username" })).toHaveText("Copied");
  expect(violations).toEqual([]);

  // Mutations from another origin are refused.
  const forged = await context.request.post("/api/auth/callback/credentials", {
    headers: { Origin: "https://evil.example" },
    form: { email: mailbox.address, password: mailbox.password },
  });
  expect(forged.status()).toBe(403);
  await context.close();
});

test("every portal page has no axe violations, at phone width too", async ({ browser }) => {
  test.setTimeout(180_000); // axe runs eight times; slow on a busy two-core machine
  const mailbox = await seedMailbox("axe");
  const context = await newClient(browser);
  const page = await context.newPage();
  const check = async () => {
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  };
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/login");
    await check();
  }
  await expectSignInRefused(page, mailbox.address, "wrong wrong wrong");
  await check();
  await signIn(page, mailbox.address, mailbox.password);
  for (const width of [320, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/settings");
    await check();
    await page.goto("/password");
    await check();
  }
  // Field errors shown are accessible too.
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Enter your current password.")).toBeVisible();
  await check();
  // Nothing overflows sideways at 320 px.
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto("/settings");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await context.close();
});

test("a session is refused when the mailbox is suspended", async ({ browser }) => {
  const mailbox = await seedMailbox("suspend-live");
  const context = await newClient(browser);
  const page = await context.newPage();
  await signIn(page, mailbox.address, mailbox.password);
  await setMailboxSuspended({ mailboxId: mailbox.id, suspended: true, actor: { type: "system" } });
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login$/);
  await context.close();
});

test("signing in and choosing a protocol work with the keyboard alone", async ({ browser }) => {
  const mailbox = await seedMailbox("keyboard");
  const context = await newClient(browser);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email address").focus();
  await page.keyboard.type(mailbox.address);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(mailbox.password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "My settings" })).toBeVisible();

  await page.getByLabel(/Keep my mail on the server \(IMAP\)/).focus();
  await page.keyboard.press("ArrowDown"); // radio group: moves to and selects POP3
  await expect(page.getByLabel(/Download my mail to one computer \(POP3\)/)).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Save my choice" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Incoming server (POP3)" })).toBeVisible();
  await context.close();
});
