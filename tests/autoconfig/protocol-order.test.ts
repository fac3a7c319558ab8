// Issue 4: the autoconfiguration answers list the customer's chosen protocol first. For an
// existing, usable mailbox that chose POP3, POP3 comes first (Thunderbird autoconfig and
// Outlook Autodiscover alike); for invented addresses, suspended mailboxes and mailboxes whose
// POP3 access is off, the default order (IMAP first) holds.
import { beforeAll, describe, expect, it } from "vitest";
import { autodiscoverPostResponse } from "@/lib/server/autoconfig/autodiscover-response";
import { thunderbirdAutoconfigResponse } from "@/lib/server/autoconfig/thunderbird-response";
import { db } from "@/lib/server/db/client";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import { child, children, parseXml, text } from "../walkthrough/support/parse";
import { seedWalkthroughWorld } from "../walkthrough/support/seed";

const actor = { type: "system" as const };
// Thunderbird: each protocol's implicit-TLS server, then its STARTTLS one.
const IMAP_FIRST = ["imap", "imap", "pop3", "pop3"];
const POP3_FIRST = ["pop3", "pop3", "imap", "imap"];

async function thunderbirdIncomingTypes(address: string): Promise<string[]> {
  const res = await thunderbirdAutoconfigResponse(
    new URL(`http://portal.test/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(address)}`),
  );
  expect(res.status).toBe(200);
  const provider = child(parseXml(await res.text()), "emailProvider")!;
  return children(provider, "incomingServer").map((s) => s.attrs.type);
}

async function autodiscoverTypes(address: string): Promise<string[]> {
  const res = await autodiscoverPostResponse(
    new Request("http://portal.test/autodiscover/autodiscover.xml", {
      method: "POST",
      headers: { "Content-Type": "text/xml" },
      body: `<?xml version="1.0"?><Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request><EMailAddress>${address}</EMailAddress><AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema></Request></Autodiscover>`,
    }),
  );
  expect(res.status).toBe(200);
  const account = child(child(parseXml(await res.text()), "Response")!, "Account")!;
  return children(account, "Protocol").map((p) => text(p, "Type")!);
}

async function pop3Mailbox(localPart: string) {
  return addMailbox({
    address: `${localPart}@walk.test`,
    password: "A long enough pass phrase 1",
    preferredProtocol: "POP3",
    actor,
  });
}

beforeAll(async () => {
  await seedWalkthroughWorld(); // jane.doe@walk.test, IMAP
  await pop3Mailbox("pop.fan");
  const suspended = await pop3Mailbox("pop.suspended");
  await setMailboxSuspended({ mailboxId: suspended.id, suspended: true, actor });
  const noPop = await pop3Mailbox("pop.off");
  await db().mailbox.update({ where: { id: noPop.id }, data: { pop3Enabled: false } });
});

describe("which incoming protocol is listed first", () => {
  it("a mailbox that chose POP3 gets POP3 first (case-insensitive address)", async () => {
    expect(await thunderbirdIncomingTypes("Pop.Fan@Walk.Test")).toEqual(POP3_FIRST);
    expect(await autodiscoverTypes("Pop.Fan@Walk.Test")).toEqual(["POP3", "IMAP", "SMTP"]);
  });

  it("a mailbox that chose IMAP gets IMAP first", async () => {
    expect(await thunderbirdIncomingTypes("jane.doe@walk.test")).toEqual(IMAP_FIRST);
    expect(await autodiscoverTypes("jane.doe@walk.test")).toEqual(["IMAP", "POP3", "SMTP"]);
  });

  it("invented addresses, suspended mailboxes and mailboxes without POP3 get the default order", async () => {
    for (const address of ["nobody@walk.test", "pop.suspended@walk.test", "pop.off@walk.test"]) {
      expect(await thunderbirdIncomingTypes(address), address).toEqual(IMAP_FIRST);
      expect(await autodiscoverTypes(address), address).toEqual(["IMAP", "POP3", "SMTP"]);
    }
  });
});
