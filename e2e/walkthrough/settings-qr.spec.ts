// My settings draws the phone QR code itself: nothing is minted by viewing the page, the button
// shows a QR code that really decodes (jsQR on a screenshot) to a one-time link, which serves
// the profile once and refuses the second time.
import { expect, test, type Page } from "@playwright/test";
import jsQR from "jsqr";
import sharp from "sharp";
import { db } from "../../lib/server/db/client";
import { PROFILE_LINK_PURPOSE } from "../../lib/server/autoconfig/profile-link";
import { PASSWORD, seedMailbox } from "./seed";

async function signIn(page: Page, address: string) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(address);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings/);
}

async function decodeQr(png: Buffer): Promise<string | undefined> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data;
}

const linksFor = (mailboxId: number) =>
  db().passwordResetToken.count({ where: { mailboxId, purpose: PROFILE_LINK_PURPOSE } });

test("the QR code on My settings decodes to a one-time profile link", async ({ page }) => {
  const mailbox = await seedMailbox("qr-scanner");
  await signIn(page, mailbox.address);
  await expect(page.getByRole("heading", { name: "Setting up an iPhone or iPad?" })).toBeVisible();
  await expect(page.getByTestId("settings-qr")).toHaveCount(0);
  expect(await linksFor(mailbox.id)).toBe(0);

  await page.getByRole("button", { name: "Show QR code for phone set-up" }).click();
  const qr = page.getByTestId("settings-qr");
  await expect(qr.locator("svg")).toBeVisible();
  expect(await linksFor(mailbox.id)).toBe(1);

  const decoded = await decodeQr(await qr.screenshot());
  const shown = await page.getByTestId("settings-qr-link").textContent();
  expect(decoded).toMatch(/\/walkthroughs\/profile-link\/[A-Za-z0-9_-]{43}$/);
  expect(decoded).toBe(shown);
  expect(decoded).not.toContain(PASSWORD);

  const first = await page.request.get(decoded!);
  expect(first.status()).toBe(200);
  expect(first.headers()["content-type"]).toBe("application/x-apple-aspen-config");
  expect(await first.text()).toContain(mailbox.address);
  const second = await page.request.get(decoded!);
  expect(second.status()).toBe(410);

  // A new code is a new link; the header navigation is there as on every customer page.
  await page.getByRole("button", { name: "Show a new QR code" }).click();
  await expect(page.getByTestId("settings-qr-link")).not.toHaveText(shown!);
  expect(await linksFor(mailbox.id)).toBe(2);
});

test("walkthrough pages carry the customer navigation, and print without it", async ({ page }) => {
  const mailbox = await seedMailbox("navigator");
  await signIn(page, mailbox.address);
  await page.goto("/walkthroughs/thunderbird");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toHaveText(mailbox.address);
  await nav.getByRole("link", { name: "My settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await page.goto("/walkthroughs/thunderbird/print");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.locator("[data-step-picture]").first()).toBeVisible();
});
