// The public self-configuration endpoints of the built portal, over real HTTP.
import { expect, test } from "@playwright/test";
import { createProfileLink } from "../../lib/server/autoconfig/profile-link";
import { e2eMailPorts, E2E_PORT } from "../support/ports";
import { DOMAIN, seedMailbox } from "./seed";

const OUTLOOK_SCHEMA =
  "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
const pox = (email: string) =>
  `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>${email}</EMailAddress><AcceptableResponseSchema>${OUTLOOK_SCHEMA}</AcceptableResponseSchema></Request></Autodiscover>`;

test.beforeAll(async () => {
  await seedMailbox("public");
});

test("Thunderbird autoconfig is served at both paths, with and without an address", async ({
  request,
}) => {
  for (const path of ["/mail/config-v1.1.xml", "/.well-known/autoconfig/mail/config-v1.1.xml"]) {
    const res = await request.get(`${path}?emailaddress=Public@${DOMAIN}`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("xml");
    const xml = await res.text();
    expect(xml).toContain('<clientConfig version="1.1">');
    expect(xml).toContain(`<domain>${DOMAIN}</domain>`);
    expect(xml).toContain(`<port>${e2eMailPorts.IMAPS_PORT}</port>`);
    expect(xml).toContain(`<username>public@${DOMAIN}</username>`);
    expect(xml.indexOf('type="imap"')).toBeLessThan(xml.indexOf('type="pop3"'));
  }
  const anonymous = await (await request.get("/mail/config-v1.1.xml")).text();
  expect(anonymous).toContain("<username>%EMAILADDRESS%</username>");
  expect((await request.get("/mail/config-v1.1.xml?emailaddress=a@not-hosted.test")).status()).toBe(
    404,
  );
});

test("Outlook Autodiscover answers POX at both spellings and refuses entities and oversized bodies", async ({
  request,
}) => {
  for (const path of ["/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml"]) {
    const res = await request.post(path, {
      data: pox(`public@${DOMAIN}`),
      headers: { "Content-Type": "text/xml" },
    });
    expect(res.status()).toBe(200);
    const xml = await res.text();
    expect(xml).toContain(`xmlns="${OUTLOOK_SCHEMA}"`);
    expect(xml).toContain("<Type>IMAP</Type>");
    expect(xml).toContain(`<Port>${e2eMailPorts.IMAPS_PORT}</Port>`);
    expect(xml).toContain("<Type>SMTP</Type>");
    expect(xml).toContain(`<Port>${e2eMailPorts.SMTPS_PORT}</Port>`);
  }
  const elsewhere = await (
    await request.post("/autodiscover/autodiscover.xml", { data: pox("x@elsewhere.test") })
  ).text();
  expect(elsewhere).toContain("<ErrorCode>500</ErrorCode>");
  const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><Autodiscover><Request><EMailAddress>&b;</EMailAddress><AcceptableResponseSchema>${OUTLOOK_SCHEMA}</AcceptableResponseSchema></Request></Autodiscover>`;
  const refused = await request.post("/autodiscover/autodiscover.xml", { data: laughs });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("<ErrorCode>600</ErrorCode>");
  const big = await request.post("/autodiscover/autodiscover.xml", {
    data: pox(`public@${DOMAIN}`) + " ".repeat(70 * 1024),
  });
  expect(big.status()).toBe(413);
});

test("Outlook's JSON discovery points at the POX endpoint", async ({ request }) => {
  for (const path of [
    `/autodiscover/autodiscover.json?Email=public@${DOMAIN}&Protocol=AutodiscoverV1`,
    `/autodiscover/autodiscover.json/v1.0/public@${DOMAIN}?Protocol=AutodiscoverV1`,
  ]) {
    const res = await request.get(path);
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({
      Protocol: "AutodiscoverV1",
      Url: `http://127.0.0.1:${E2E_PORT}/autodiscover/autodiscover.xml`,
    });
  }
  expect((await request.get("/autodiscover/autodiscover.json?Protocol=Rest")).status()).toBe(400);
});

test("the QR code's one-time link downloads the profile once", async ({ request }) => {
  const mailbox = await seedMailbox("public");
  const link = await createProfileLink({
    mailboxId: mailbox.id,
    appUrl: `http://127.0.0.1:${E2E_PORT}`,
  });
  const first = await request.get(link.url);
  expect(first.status()).toBe(200);
  expect(first.headers()["content-type"]).toBe("application/x-apple-aspen-config");
  const body = await first.text();
  expect(body).toContain("<string>com.apple.mail.managed</string>");
  expect(body).toContain(`<string>public@${DOMAIN}</string>`);
  expect((await request.get(link.url)).status()).toBe(410);
  expect((await request.get("/walkthroughs/profile-link/not-a-token")).status()).toBe(410);
});

test("walkthrough pages and downloads need a signed-in customer", async ({ page, request }) => {
  await page.goto("/walkthroughs/thunderbird");
  await expect(page).toHaveURL(/\/login/);
  const png = await request.get("/walkthroughs/thunderbird/pictures/1.png", { maxRedirects: 0 });
  expect(png.headers()["content-type"] ?? "").not.toContain("image/png");
  const profile = await request.get("/walkthroughs/apple-profile", { maxRedirects: 0 });
  expect(profile.headers()["content-type"] ?? "").not.toContain("aspen-config");
});
