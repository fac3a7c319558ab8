// Shared by the portal specs: seeding through lib/ (DATABASE_URL comes from the global
// setup), signing in through the real form, and one made-up client IP per browser context,
// so the specs' failed sign-ins never throttle each other.
import { randomBytes } from "node:crypto";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { addDomain } from "../../lib/server/domain/add-domain";
import { isAppError } from "../../lib/server/errors/app-error";
import { addMailbox } from "../../lib/server/mailbox/add-mailbox";

export const DOMAIN = "portal-e2e.test";
export const SIGN_IN_FAILED = "The email address or password is not correct.";
const actor = { type: "system" as const, label: "e2e" };

let domainReady: Promise<void> | undefined;
function ensureDomain(): Promise<void> {
  domainReady ??= addDomain({ name: DOMAIN, actor }).then(
    () => undefined,
    (error) => {
      if (!isAppError(error) || error.code !== "ALREADY_EXISTS") throw error;
    },
  );
  return domainReady;
}

export async function seedMailbox(
  prefix: string,
  password = "Blue harbour lantern 42",
): Promise<{ id: number; address: string; password: string }> {
  await ensureDomain();
  const address = `${prefix}-${randomBytes(4).toString("hex")}@${DOMAIN}`;
  const mailbox = await addMailbox({ address, password, actor });
  return { id: mailbox.id, address, password };
}

let ipCounter = 0;
/** A documentation-range address unique to this worker run. */
export function freshIp(): string {
  ipCounter += 1;
  return `203.0.${Math.floor(Math.random() * 100) + 113}.${(ipCounter % 250) + 1}`;
}

export async function newClient(browser: Browser, ip = freshIp()): Promise<BrowserContext> {
  return browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": ip } });
}

export async function fillSignIn(page: Page, address: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(address);
  await page.getByLabel("Password", { exact: true }).fill(password);
}

/** Submits the sign-in form; resolves with the credentials endpoint's response. */
export async function submitSignIn(page: Page, address: string, password: string) {
  await fillSignIn(page, address, password);
  const response = page.waitForResponse(
    (r) => r.url().includes("/api/auth/callback/credentials") && r.request().method() === "POST",
  );
  await page.getByRole("button", { name: "Sign in" }).click();
  return response;
}

export async function signIn(page: Page, address: string, password: string) {
  await submitSignIn(page, address, password);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "My settings" })).toBeVisible();
}

/** The one failure answer; returns the endpoint's status and body for comparisons. */
export async function expectSignInRefused(page: Page, address: string, password: string) {
  const response = await submitSignIn(page, address, password);
  const body = await response.text();
  await expect(page.getByRole("alert").and(page.getByText(SIGN_IN_FAILED))).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  return { status: response.status(), body };
}
