// Issue 5 end to end: "forgot my settings" answers the same for every address and the email
// really arrives through the bundled SMTP backend; a reset link from "forgot password" sets a
// new password that works at once; the reset page sends no referrer.
import { randomBytes } from "node:crypto";
import { expect, test, type Browser } from "@playwright/test";
import { db } from "../../lib/server/db/client";
import { linksOf, readNewestMail } from "../../tests/settings-request/support/read-settings-mail";
import { newClient, seedMailbox, signIn, freshIp, DOMAIN } from "../portal/support";
import { e2eMailPorts } from "../support/ports";
import { captureFormPost, replayFormPost, type Answer } from "./support";

async function inboxTexts(mailboxId: number): Promise<string[]> {
  const rows = await db().message.findMany({
    where: { mailboxId },
    select: { raw: true },
    orderBy: { id: "asc" },
  });
  // Bodies are quoted-printable: undo soft line breaks and =XX escapes before reading links.
  return rows.map((r) =>
    Buffer.from(r.raw)
      .toString("utf8")
      .replace(/=\r\n/g, "")
      .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
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

test("a request claiming another host is refused, and sends nothing", async ({ browser }) => {
  const mailbox = await seedMailbox("hosthdr");
  const context = await newClient(browser);
  const page = await context.newPage();
  await page.goto("/forgot-settings");
  await page.route("**/forgot-settings", (route) =>
    route.continue({ headers: { ...route.request().headers(), "x-forwarded-host": "evil.test" } }),
  );
  const answer = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByLabel("Email address").fill(mailbox.address);
  await page.getByRole("button", { name: "Email me my settings" }).click();
  expect((await answer).status()).toBeGreaterThanOrEqual(400);
  await expect(page.getByRole("status")).toHaveCount(0);
  expect(await db().settingsRequest.count({ where: { address: mailbox.address } })).toBe(0);
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

const FORMS = {
  settings: { path: "/forgot-settings", label: "Email address", button: "Email me my settings" },
  password: { path: "/forgot-password", label: "Email address", button: "Send me a reset link" },
};

/** One real browser submission of a public form, kept for replaying with other headers. */
async function capture(browser: Browser, form: keyof typeof FORMS) {
  const context = await newClient(browser);
  const probe = `probe-${randomBytes(4).toString("hex")}@${DOMAIN}`;
  const captured = await captureFormPost(await context.newPage(), {
    ...FORMS[form],
    address: probe,
  });
  await context.close();
  return { captured, probe };
}

const unknownAddress = () => `nobody-${randomBytes(4).toString("hex")}@${DOMAIN}`;

test("the public forms answer byte for byte the same for existing and unknown addresses", async ({
  browser,
}) => {
  for (const form of ["settings", "password"] as const) {
    const { captured, probe } = await capture(browser, form);
    const known: Array<{ id: number; address: string }> = [];
    for (let i = 0; i < 5; i++) {
      const mailbox = await seedMailbox(`same-${form}`);
      if (form === "password")
        await db().mailbox.update({
          where: { id: mailbox.id },
          data: { recoveryEmail: `backup-${i}@elsewhere.test` },
        });
      known.push(mailbox);
    }
    const answers: Answer[] = [];
    for (const mailbox of known) {
      for (const address of [mailbox.address, unknownAddress()])
        answers.push(
          await replayFormPost(captured, {
            from: probe,
            to: address,
            headers: { "x-forwarded-for": freshIp() },
          }),
        );
    }
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers[0].body.toString()).toContain('"done":true');
    for (const answer of answers) expect(answer.body.equals(answers[0].body)).toBe(true);
    // The same answers did different things behind them.
    if (form === "settings")
      expect(
        await db().settingsRequest.count({
          where: { address: { in: known.map((m) => m.address) }, outcome: "queued" },
        }),
      ).toBe(known.length);
    else
      await expect
        .poll(() =>
          db().passwordResetToken.count({
            where: { mailboxId: { in: known.map((m) => m.id) }, purpose: "password_reset" },
          }),
        )
        .toBe(known.length);
  }
});

test("a forged Host or X-Forwarded-Host never reaches the email: links are APP_URL's, read with imaplib and poplib", async ({
  browser,
  baseURL,
}) => {
  const appHost = new URL(baseURL!).host;
  const { captured, probe } = await capture(browser, "settings");
  const normal = await replayFormPost(captured, {
    from: probe,
    to: unknownAddress(),
    headers: { "x-forwarded-for": freshIp() },
  });
  // Forged names the portal accepts the form with: the links must still be APP_URL's.
  const accepted: Array<Record<string, string>> = [
    { host: "evil.test", "x-forwarded-host": appHost },
    { forwarded: "host=evil.test;proto=https", "x-forwarded-proto": "https" },
  ];
  for (const forged of accepted) {
    const mailbox = await seedMailbox("forged");
    const answer = await replayFormPost(captured, {
      from: probe,
      to: mailbox.address,
      headers: { ...forged, "x-forwarded-for": freshIp() },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.equals(normal.body)).toBe(true);
    await waitForMail(mailbox.id, 1);
    for (const [mode, port] of [
      ["imap", Number(e2eMailPorts.IMAPS_PORT)],
      ["pop3", Number(e2eMailPorts.POP3S_PORT)],
    ] as const) {
      const mail = await readNewestMail(mode, port, mailbox.address, mailbox.password);
      expect(mail.subject).toBe("Your email settings");
      const links = linksOf(mail);
      expect(links.length).toBeGreaterThanOrEqual(3);
      for (const link of links) expect(link.startsWith(`${baseURL}/`)).toBe(true);
      expect(JSON.stringify(mail)).not.toContain("evil.test");
      expect(JSON.stringify(mail)).not.toContain(mailbox.password);
      expect(mail.parts.some((p) => p.type === "image/png")).toBe(true);
    }
  }
  // Forged names the form is refused with: Next.js refuses an X-Forwarded-Host that is not the
  // Origin, and our origin check refuses a page served under another name. Nothing is queued.
  const refused: Array<Record<string, string>> = [
    { "x-forwarded-host": "evil.test" },
    { host: "evil.test", origin: "http://evil.test" },
  ];
  for (const forged of refused) {
    const mailbox = await seedMailbox("forged-refused");
    const answer = await replayFormPost(captured, {
      from: probe,
      to: mailbox.address,
      headers: { ...forged, "x-forwarded-for": freshIp() },
    });
    expect(answer.body.toString()).not.toContain('"done":true');
    expect(await db().settingsRequest.count({ where: { address: mailbox.address } })).toBe(0);
  }
});
