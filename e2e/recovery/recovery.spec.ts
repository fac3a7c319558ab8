// Issue 5 end to end: "forgot my settings" answers the same for every address and the email
// really arrives through the bundled SMTP backend; a reset link from "forgot password" sets a
// new password that works at once; the reset page sends no referrer.
import { expect, test } from "@playwright/test";
import { db } from "../../lib/server/db/client";
import { newClient, seedMailbox, signIn, DOMAIN } from "../portal/support";

async function inboxTexts(mailboxId: number): Promise<string[]> {
  const rows = await db().message.findMany({
    where: { mailboxId },
    select: { raw: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => Buffer.from(r.raw).toString("utf8").replace(/=\r\n/g, ""));
}

async function waitForMail(mailboxId: number, count: number): Promise<string[]> {
  await expect
    .poll(async () => (await inboxTexts(mailboxId)).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(count);
  return inboxTexts(mailboxId);
}

test("forgot my settings: same answer for known and unknown addresses; the email arrives with APP_URL links", async ({
  browser,
  baseURL,
}) => {
  const mailbox = await seedMailbox("settings");
  const context = await newClient(browser);
  const page = await context.newPage();
  const answers: string[] = [];
  for (const address of [mailbox.address, `nobody-${Date.now()}@${DOMAIN}`]) {
    await page.goto("/forgot-settings");
    await page.getByLabel("Email address").fill(address);
    await page.getByRole("button", { name: "Email me my settings" }).click();
    const status = page.getByRole("status");
    await expect(status).toBeVisible();
    answers.push((await status.textContent())!.replace(address, "ADDRESS"));
  }
  expect(answers[0]).toBe(answers[1]);
  const mail = (await waitForMail(mailbox.id, 1)).join("\n");
  expect(mail).toContain("Your email settings");
  expect(mail).toContain(`${baseURL}/walkthroughs`);
  expect(mail).not.toContain(mailbox.password);
  const request = await db().settingsRequest.findFirstOrThrow({
    where: { address: mailbox.address },
  });
  expect(request.deliveryState).toBe("sent");
  await context.close();
});

test("a forged Host header never reaches the links in the email", async ({ browser, baseURL }) => {
  const mailbox = await seedMailbox("hosthdr");
  const context = await newClient(browser);
  const page = await context.newPage();
  await page.goto("/forgot-settings");
  await page.route("**/forgot-settings", (route) =>
    route.continue({ headers: { ...route.request().headers(), "x-forwarded-host": "evil.test" } }),
  );
  await page.getByLabel("Email address").fill(mailbox.address);
  await page.getByRole("button", { name: "Email me my settings" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  const mail = (await waitForMail(mailbox.id, 1)).join("\n");
  expect(mail).toContain(`${baseURL}/walkthroughs`);
  expect(mail).not.toContain("evil.test");
  await context.close();
});

test("forgot password: the link goes to the recovery mailbox, works once, and the new password signs in", async ({
  browser,
  request,
}) => {
  const backup = await seedMailbox("backup");
  const mailbox = await seedMailbox("forgetful");
  await db().mailbox.update({ where: { id: mailbox.id }, data: { recoveryEmail: backup.address } });
  const context = await newClient(browser);
  const page = await context.newPage();
  await page.goto("/forgot-password");
  await page.getByLabel("Email address").fill(mailbox.address);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByRole("status")).toBeVisible();

  const mail = (await waitForMail(backup.id, 1)).join("\n");
  const link = /https?:\/\/\S+\/password\/reset\?token=[\w-]+/.exec(mail)![0];
  const head = await request.get(link);
  expect(head.headers()["referrer-policy"]).toBe("no-referrer");

  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("password");
  await page.getByLabel("Confirm new password").fill("password");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText(/most commonly used/)).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill("Sunlit Orchard Path 5");
  await page.getByLabel("Confirm new password").fill("Sunlit Orchard Path 5");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");

  await page.goto(link);
  await expect(page.getByText("This link has expired or was already used.")).toBeVisible();
  const fresh = await (await newClient(browser)).newPage();
  await signIn(fresh, mailbox.address, "Sunlit Orchard Path 5");
  // The security notice reached the mailbox itself.
  const notices = await waitForMail(mailbox.id, 1);
  expect(notices.join("\n")).toContain("Security notice");
  await context.close();
});
