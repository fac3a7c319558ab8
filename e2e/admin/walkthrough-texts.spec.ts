// The admin editor for walkthrough step texts in a real browser: an admin changes a step's
// words, the customer's walkthrough shows them with their own address filled in, a reset
// brings the default back; each change is one audit event; support staff are refused.
import { expect, test, type Page } from "@playwright/test";
import { TOTP } from "otpauth";
import { db } from "../../lib/server/db/client";
import { addDomain } from "../../lib/server/domain/add-domain";
import { addMailbox } from "../../lib/server/mailbox/add-mailbox";
import { addStaff } from "../../lib/server/staff/add-staff";
import { confirmTotpEnrolment, startTotpEnrolment } from "../../lib/server/staff/enrol-totp";

const DOMAIN = "e2e-texts.test";
const system = { type: "system" as const };
const CUSTOMER = { address: `reader@${DOMAIN}`, password: "Pebble Harbour 63" };
const people = {
  admin: { email: `editor@${DOMAIN}`, password: "Walnut Meadow 52", secret: "" },
  support: { email: `aide@${DOMAIN}`, password: "Saffron Bridge 17", secret: "" },
};

const totp = (secret: string) =>
  new TOTP({ secret, algorithm: "SHA1", digits: 6, period: 30 }).generate();

test.beforeAll(async () => {
  if (await db().domain.findUnique({ where: { name: DOMAIN } })) return;
  await addDomain({ name: DOMAIN, actor: system });
  await addMailbox({ ...CUSTOMER, actor: system });
  for (const role of ["admin", "support"] as const) {
    const s = await addStaff({ ...people[role], role, actor: system });
    const { secret } = await startTotpEnrolment(s.id);
    // Enrolment takes this step's code; sign-in below waits for the next step.
    await confirmTotpEnrolment({ staffId: s.id, code: totp(secret), actor: system });
  }
});

async function staffSignIn(page: Page, who: "admin" | "support") {
  const { totpSecret, totpLastStep } = await db().staffUser.findUniqueOrThrow({
    where: { email: people[who].email },
  });
  // Each code is accepted once (RFC 6238 §5.2): wait for a step after the last accepted one.
  while (totpLastStep !== null && Math.floor(Date.now() / 30_000) <= totpLastStep)
    await new Promise((r) => setTimeout(r, 1_000));
  await page.goto("/admin/login");
  await page.getByLabel("Email address").fill(people[who].email);
  await page.getByLabel("Password").fill(people[who].password);
  await page.getByLabel("Authentication code").fill(totp(totpSecret!));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/admin$/);
}

async function customerStepText(page: Page): Promise<string> {
  await page.goto("/walkthroughs/thunderbird");
  return (await page.locator('[data-step="address"]').textContent()) ?? "";
}

test("an admin edits a step's words, the customer reads them, and a reset restores the default", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const customer = await (await browser.newContext()).newPage();
  await customer.goto("/login");
  await customer.getByLabel("Email address").fill(CUSTOMER.address);
  await customer.getByLabel("Password", { exact: true }).fill(CUSTOMER.password);
  await customer.getByRole("button", { name: "Sign in" }).click();
  await expect(customer).not.toHaveURL(/\/login/);
  const before = await customerStepText(customer);

  const admin = await (await browser.newContext()).newPage();
  await staffSignIn(admin, "admin");
  await admin.getByRole("link", { name: "Walkthrough texts" }).click();
  await admin.getByRole("link", { name: "Thunderbird", exact: true }).click();
  const step = admin.locator('fieldset[data-step-id="address"]');
  await step.getByLabel(/^Title of step/).fill("Your address, <b>please</b>");
  await step.getByLabel(/^Text of step/).fill("Type {address} and nothing else.");
  const audits = await db().auditEvent.count({ where: { action: "walkthrough_text.update" } });
  await step.getByRole("button", { name: /^Save step/ }).click();
  await expect(step.getByRole("status")).toContainText("Saved");
  expect(await db().auditEvent.count({ where: { action: "walkthrough_text.update" } })).toBe(
    audits + 1,
  );

  const edited = await customerStepText(customer);
  expect(edited).toContain(`Type ${CUSTOMER.address} and nothing else.`);
  expect(edited).toContain("Your address, <b>please</b>"); // shown as text, never as markup
  await expect(customer.locator('[data-step="address"] b')).toHaveCount(0);

  // An unknown placeholder is refused next to the field, and nothing changes.
  await admin.reload();
  const again = admin.locator('fieldset[data-step-id="address"]');
  await again.getByLabel(/^Text of step/).fill("Type {adress}.");
  await again.getByRole("button", { name: /^Save step/ }).click();
  await expect(again.getByRole("alert")).toContainText("placeholders");

  await again.getByRole("button", { name: /^Reset step .* to default/ }).click();
  const reset = admin.locator('fieldset[data-step-id="address"]');
  await expect(reset.getByRole("status")).toContainText("shows its default words again");
  await expect(reset.getByRole("button", { name: /^Reset step/ })).toHaveCount(0);
  expect(await db().auditEvent.count({ where: { action: "walkthrough_text.reset" } })).toBe(1);
  expect(await customerStepText(customer)).toBe(before);
});

test("support staff cannot open the editor, and replaying the admin's save is refused", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  // Capture the exact server-action request of an admin's save.
  const admin = await (await browser.newContext()).newPage();
  await staffSignIn(admin, "admin");
  await admin.goto("/admin/walkthrough-texts?client=outlook&protocol=IMAP");
  let captured: { headers: Record<string, string>; body: string } | undefined;
  await admin.route("**/admin/walkthrough-texts*", async (route, request) => {
    if (request.method() === "POST" && request.headers()["next-action"])
      captured = { headers: request.headers(), body: request.postData() ?? "" };
    await route.continue();
  });
  const step = admin.locator('fieldset[data-step-id="email"]');
  await step.getByLabel(/^Title of step/).fill("Admin words");
  await step.getByRole("button", { name: /^Save step/ }).click();
  await expect(step.getByRole("status")).toContainText("Saved");
  expect(captured).toBeDefined();

  const support = await (await browser.newContext()).newPage();
  await staffSignIn(support, "support");
  await expect(support.getByRole("link", { name: "Walkthrough texts" })).toHaveCount(0);
  await support.goto("/admin/walkthrough-texts");
  await expect(support).toHaveURL(/\/admin\/forbidden$/);

  const replay = (page: Page, title: string, origin: string) =>
    page.request.post("/admin/walkthrough-texts?client=outlook&protocol=IMAP", {
      headers: {
        "content-type": captured!.headers["content-type"],
        "next-action": captured!.headers["next-action"],
        accept: "text/x-component",
        origin,
      },
      data: captured!.body.replaceAll("Admin words", title),
    });
  const current = () =>
    db().walkthroughTextOverride.findUniqueOrThrow({
      where: {
        clientId_stepId_protocol: { clientId: "outlook", stepId: "email", protocol: "IMAP" },
      },
    });
  expect(await (await replay(support, "Support words", baseURL!)).text()).toContain(
    "Only an administrator can do this.",
  );
  expect((await current()).title).toBe("Admin words");
  // The admin's own cookie from another site's page is refused too (Origin check).
  await replay(admin, "Cross-site words", "https://evil.example");
  expect((await current()).title).toBe("Admin words");
  // The same replay from the admin on our own origin works: the refusals were the checks.
  await replay(admin, "Replayed words", baseURL!);
  expect((await current()).title).toBe("Replayed words");
  expect(
    await db().auditEvent.count({
      where: { action: { startsWith: "walkthrough_text." }, actorLabel: people.support.email },
    }),
  ).toBe(0);
});
