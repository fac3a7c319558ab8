// My settings: values from the database, copy buttons, and the POP3/IMAP choice.
import { expect, test } from "@playwright/test";
import { db } from "../../lib/server/db/client";
import { getConnectionSettings } from "../../lib/server/settings/get-connection-settings";
import { newClient, seedMailbox, signIn } from "./support";

test("the settings shown are the server settings in the database", async ({ browser }) => {
  const mailbox = await seedMailbox("settings");
  const context = await newClient(browser);
  const page = await context.newPage();
  await signIn(page, mailbox.address.toUpperCase(), mailbox.password);

  const expected = await getConnectionSettings({ address: mailbox.address, protocol: "IMAP" });
  await expect(page.getByTestId("username")).toHaveText(mailbox.address);
  await expect(page.getByTestId("incoming-host")).toHaveText(expected.imap.recommended.hostname);
  await expect(page.getByTestId("incoming-port")).toHaveText(
    String(expected.imap.recommended.port),
  );
  await expect(page.getByTestId("incoming-security")).toHaveText("SSL/TLS");
  await expect(page.getByTestId("incoming-authentication")).toHaveText("Normal password");
  await expect(page.getByTestId("incoming-port-starttls")).toHaveText(
    String(expected.imap.options[1].port),
  );
  await expect(page.getByTestId("outgoing-port")).toHaveText(
    String(expected.outgoing.recommended.port),
  );
  await expect(page.getByTestId("outgoing-port-starttls")).toHaveText(
    String(expected.outgoing.options[1].port),
  );
  await expect(page.getByText("same username and password")).toBeVisible();

  // An admin edits the IMAP endpoint: the page shows the new values on the next view.
  const row = await db().serverEndpoint.findUniqueOrThrow({
    where: { service_security: { service: "IMAP", security: "IMPLICIT_TLS" } },
  });
  try {
    await db().serverEndpoint.update({
      where: { id: row.id },
      data: { hostname: "imap.changed-by-admin.example", port: 1993 },
    });
    await page.reload();
    await expect(page.getByTestId("incoming-host")).toHaveText("imap.changed-by-admin.example");
    await expect(page.getByTestId("incoming-port")).toHaveText("1993");
  } finally {
    await db().serverEndpoint.update({
      where: { id: row.id },
      data: { hostname: row.hostname, port: row.port },
    });
  }
  await context.close();
});

test("every value has a copy button that puts the value on the clipboard", async ({ browser }) => {
  const mailbox = await seedMailbox("copy");
  const context = await newClient(browser);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await signIn(page, mailbox.address, mailbox.password);

  // The STARTTLS alternatives sit in folded sections: open them.
  for (const summary of await page.locator("summary").all()) await summary.click();
  const values = page.locator("code[data-testid]");
  const count = await values.count();
  expect(count).toBeGreaterThanOrEqual(12);
  for (let i = 0; i < count; i++) {
    // Each value sits beside its own copy button.
    const row = values.nth(i).locator("xpath=..");
    await expect(row.getByRole("button", { name: /^Copy / })).toHaveCount(1);
  }
  await page.getByRole("button", { name: "Copy incoming server port" }).click();
  await expect(page.getByRole("button", { name: "Copy incoming server port" })).toHaveText(
    "Copied",
  );
  const port = await page.getByTestId("incoming-port").textContent();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(port);
  await context.close();
});

test("switching to POP3 shows the POP3 server at once and survives signing in again", async ({
  browser,
}) => {
  const mailbox = await seedMailbox("protocol");
  const expected = await getConnectionSettings({ address: mailbox.address, protocol: "POP3" });
  const context = await newClient(browser);
  const page = await context.newPage();
  await signIn(page, mailbox.address, mailbox.password);
  await expect(page.getByTestId("current-protocol")).toHaveText("IMAP");
  await expect(page.getByTestId("pop3-advice")).toHaveCount(0);

  await page.getByLabel(/Download my mail to one computer \(POP3\)/).check();
  await page.getByRole("button", { name: "Save my choice" }).click();
  await expect(page.getByRole("heading", { name: "Incoming server (POP3)" })).toBeVisible();
  await expect(page.getByTestId("incoming-port")).toHaveText(
    String(expected.pop3.recommended.port),
  );
  await expect(page.getByTestId("incoming-host")).toHaveText(expected.pop3.recommended.hostname);
  await expect(page.getByTestId("pop3-advice")).toContainText(
    "Leave a copy of messages on the server",
  );
  expect(
    (await db().mailbox.findUniqueOrThrow({ where: { id: mailbox.id } })).preferredProtocol,
  ).toBe("POP3");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, mailbox.address, mailbox.password);
  await expect(page.getByTestId("current-protocol")).toHaveText("POP3");
  await expect(page.getByTestId("incoming-port")).toHaveText(
    String(expected.pop3.recommended.port),
  );

  await page.getByLabel(/Keep my mail on the server \(IMAP\)/).check();
  await page.getByRole("button", { name: "Save my choice" }).click();
  await expect(page.getByRole("heading", { name: "Incoming server (IMAP)" })).toBeVisible();
  await expect(page.getByTestId("incoming-port")).toHaveText(
    String(expected.imap.recommended.port),
  );
  await expect(page.getByTestId("pop3-advice")).toHaveCount(0);
  await context.close();
});
