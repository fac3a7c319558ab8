// The signed-in walkthrough pages, through the real sign-in form (provided by the portal
// branch): every client renders, every step's picture carries the customer's address and
// server, and switching POP3 <-> IMAP changes the pictures' ports and protocol.
import { expect, test, type Page } from "@playwright/test";
import { CLIENTS } from "../../lib/server/walkthrough/clients";
import { e2eMailPorts } from "../support/ports";
import { PASSWORD, seedMailbox } from "./seed";

async function signIn(page: Page, address: string) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(address);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

const HOST = "localhost"; // MAIL_HOSTNAME of the e2e instance

test("every client's walkthrough shows the customer's own values, and follows POP3 <-> IMAP", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const mailbox = await seedMailbox("walker");
  await signIn(page, mailbox.address);
  for (const client of CLIENTS) {
    await page.goto(`/walkthroughs/${client.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(client.name);
    await expect(page.getByTestId("walkthrough-protocol")).toHaveText("IMAP");
    const pictures = page.locator("[data-step-picture]");
    const count = await pictures.count();
    expect(count, client.id).toBeGreaterThanOrEqual(4);
    for (let i = 0; i < count; i++) {
      const text = await pictures.nth(i).textContent();
      expect(text, `${client.id} step ${i + 1}`).toContain(mailbox.address);
      expect(text).toContain(HOST);
      expect(text).toContain(`Incoming (IMAP): ${HOST}  port ${e2eMailPorts.IMAPS_PORT}`);
    }
    await page.getByRole("link", { name: "Show the steps for POP3 instead" }).click();
    await expect(page.getByTestId("walkthrough-protocol")).toHaveText("POP3");
    const popPictures = page.locator("[data-step-picture]");
    for (let i = 0; i < (await popPictures.count()); i++) {
      const text = await popPictures.nth(i).textContent();
      expect(text).toContain(`Incoming (POP3): ${HOST}  port ${e2eMailPorts.POP3S_PORT}`);
      expect(text).not.toContain(String(e2eMailPorts.IMAPS_PORT));
    }
  }
});

test("the index suggests the client from the browser, and PNG, print and profile downloads work", async ({
  browser,
}) => {
  const mailbox = await seedMailbox("iphone-user");
  const context = await browser.newContext({
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
  });
  const page = await context.newPage();
  await signIn(page, mailbox.address);
  await page.goto("/walkthroughs");
  await expect(page.getByRole("region", { name: "Suggested for this device" })).toContainText(
    "iPhone / iPad Mail",
  );
  await page.goto("/walkthroughs/iphone");
  const png = await page.request.get("/walkthroughs/iphone/pictures/1.png");
  expect(png.headers()["content-type"]).toBe("image/png");
  expect((await png.body()).subarray(0, 4).toString("hex")).toBe("89504e47");
  await page.goto("/walkthroughs/iphone/print");
  await expect(page.locator("[data-step-picture]").first()).toBeVisible();
  const profile = await page.request.get("/walkthroughs/apple-profile");
  expect(profile.headers()["content-type"]).toBe("application/x-apple-aspen-config");
  expect(await profile.text()).toContain(mailbox.address);
  await page.goto("/walkthroughs/phone");
  await page.getByRole("button", { name: "Show QR code for phone set-up" }).click();
  await expect(page.getByTestId("settings-qr").locator("svg")).toBeVisible();
  await context.close();
});
