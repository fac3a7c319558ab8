// Change password: field errors, and what a change does to other sessions and the old password.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { db } from "../../lib/server/db/client";
import { hashPassword } from "../../lib/server/password/hashing";
import { e2eMailPorts } from "../support/ports";
import { expectSignInRefused, fillSignIn, newClient, seedMailbox, signIn } from "./support";

/** A real mail client (Python's smtplib) logging in to SMTP submission with STARTTLS. */
function smtpLogin(username: string, password: string): string {
  const script = path.join(import.meta.dirname, "clients", "smtp_login.py");
  return execFileSync(
    "python3",
    [script, "127.0.0.1", e2eMailPorts.SUBMISSION_PORT, username, password],
    { encoding: "utf8", timeout: 30_000 },
  ).trim();
}

test("the form explains what is wrong, field by field", async ({ browser }) => {
  const mailbox = await seedMailbox("rules");
  const local = mailbox.address.split("@")[0];
  const context = await newClient(browser);
  const page = await context.newPage();
  await signIn(page, mailbox.address, mailbox.password);
  await page.getByRole("link", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();

  const attempt = async (current: string, next: string, confirm = next) => {
    await page.getByLabel("Current password").fill(current);
    await page.getByLabel("New password", { exact: true }).fill(next);
    await page.getByLabel("Confirm new password").fill(confirm);
    await page.getByRole("button", { name: "Change password" }).click();
  };
  const newPassword = page.getByLabel("New password", { exact: true });

  await attempt(mailbox.password, "short 1");
  await expect(newPassword).toHaveAccessibleDescription(/Use at least 8 characters/);
  await expect(newPassword).toHaveAttribute("aria-invalid", "true");

  await attempt(mailbox.password, "password1");
  await expect(newPassword).toHaveAccessibleDescription(/most commonly used/);

  await attempt(mailbox.password, `my ${local} secret`);
  await expect(newPassword).toHaveAccessibleDescription(/must not contain your mailbox name/);

  await attempt(mailbox.password, "lantern portal-e2e garden");
  await expect(newPassword).toHaveAccessibleDescription(/must not contain your domain name/);

  await attempt(mailbox.password, "Amber kettle on the hill", "Amber kettle on the hil");
  await expect(page.getByLabel("Confirm new password")).toHaveAccessibleDescription(
    /not the same as the new password/,
  );

  await attempt("not my current password", "Amber kettle on the hill");
  await expect(page.getByLabel("Current password")).toHaveAccessibleDescription(
    /current password is not correct/,
  );

  // None of that changed anything.
  const row = await db().mailbox.findUniqueOrThrow({ where: { id: mailbox.id } });
  expect(row.sessionVersion).toBe(0);
  await context.close();
});

test("after a change the old password fails and other sessions are signed out", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const mailbox = await seedMailbox("change");
  const newPassword = "Copper lamp beside 3 doors";
  const mine = await newClient(browser);
  const other = await newClient(browser);
  const page = await mine.newPage();
  const otherPage = await other.newPage();
  await signIn(page, mailbox.address, mailbox.password);
  await signIn(otherPage, mailbox.address, mailbox.password);
  expect(smtpLogin(mailbox.address, mailbox.password)).toBe("ok");

  await page.goto("/password");
  await page.getByLabel("Current password").fill(mailbox.password);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm new password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");

  // This browser carries on; the other one is signed out on its next request.
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "My settings" })).toBeVisible();
  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login$/);

  await expectSignInRefused(otherPage, mailbox.address, mailbox.password);
  await signIn(otherPage, mailbox.address, newPassword);
  // The same second, in a mail client too: the old password is refused, the new one works.
  expect(smtpLogin(mailbox.address, mailbox.password)).toBe("refused 535");
  expect(smtpLogin(mailbox.address.toUpperCase(), newPassword)).toBe("ok");

  const audit = await db().auditEvent.findMany({
    where: { action: "mailbox.password_change", targetId: String(mailbox.id) },
  });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ actorType: "customer", actorId: String(mailbox.id) });
  expect(JSON.stringify(audit[0].details)).not.toContain(newPassword);

  // The "this wasn't me" notice reached the mailbox through the bundled SMTP backend.
  await expect
    .poll(
      async () =>
        (await db().message.findMany({ where: { mailboxId: mailbox.id }, select: { raw: true } }))
          .map((m) => Buffer.from(m.raw).toString("utf8"))
          .join("\n"),
      { timeout: 30_000 },
    )
    .toContain("Security notice for your mailbox");
  const notice = (await db().message.findFirstOrThrow({ where: { mailboxId: mailbox.id } })).raw;
  expect(Buffer.from(notice).toString("utf8")).not.toContain(newPassword);
  await mine.close();
  await other.close();
});

test("a staff-issued temporary password only opens the set-a-new-password page", async ({
  browser,
}) => {
  const mailbox = await seedMailbox("temporary");
  const temporary = "Temporary from support 4821";
  await db().mailbox.update({
    where: { id: mailbox.id },
    data: {
      tempPasswordHash: await hashPassword(temporary),
      tempPasswordExpiresAt: new Date(Date.now() + 60 * 60 * 1000),
    },
  });
  const context = await newClient(browser);
  const page = await context.newPage();
  await fillSignIn(page, mailbox.address, temporary);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/password$/);
  await expect(page.getByText("temporary password from our support team")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  for (const path of ["/settings", "/login", "/"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/password$/);
  }

  const chosen = "Walnut ladder in the rain";
  await page.getByLabel("Current password").fill(temporary);
  await page.getByLabel("New password", { exact: true }).fill(chosen);
  await page.getByLabel("Confirm new password").fill(chosen);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/settings\?password=changed$/);
  await expect(page.getByRole("heading", { name: "My settings" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expectSignInRefused(page, mailbox.address, temporary);
  await signIn(page, mailbox.address, chosen);
  await context.close();
});
