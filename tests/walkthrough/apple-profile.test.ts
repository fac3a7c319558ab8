import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { appleProfileXml, profileIdentifier } from "@/lib/server/autoconfig/apple-profile";
import { appleProfileDownload } from "@/lib/server/autoconfig/apple-profile-download";
import { createProfileLink, redeemProfileLink } from "@/lib/server/autoconfig/profile-link";
import { signProfile } from "@/lib/server/autoconfig/sign-profile";
import { db } from "@/lib/server/db/client";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import { getConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { parsePlist } from "./support/parse";
import { HOST, PORTS, seedWalkthroughWorld } from "./support/seed";

let mailbox: { id: number; address: string; preferredProtocol: "IMAP" | "POP3" };

beforeAll(async () => {
  const m = await seedWalkthroughWorld({ pop3: true });
  mailbox = { id: m.id, address: m.address, preferredProtocol: m.preferredProtocol };
});

type Payload = Record<string, unknown>;

describe("Apple configuration profile", () => {
  it("is a plist with one com.apple.mail.managed payload carrying the chosen protocol and no password", async () => {
    const res = await appleProfileDownload(mailbox);
    expect(res.headers.get("content-type")).toBe("application/x-apple-aspen-config");
    expect(res.headers.get("content-disposition")).toMatch(
      /attachment; filename="jane\.doe@walk\.test\.mobileconfig"/,
    );
    const raw = Buffer.from(await res.arrayBuffer());
    const profile = parsePlist(raw);
    expect(profile).toMatchObject({ PayloadType: "Configuration", PayloadVersion: 1 });
    const [mail] = profile.PayloadContent as Payload[];
    expect(mail).toMatchObject({
      PayloadType: "com.apple.mail.managed",
      EmailAccountType: "EmailTypePOP",
      EmailAddress: "jane.doe@walk.test",
      IncomingMailServerHostName: HOST,
      IncomingMailServerPortNumber: PORTS.pop3s,
      IncomingMailServerUseSSL: true,
      IncomingMailServerUsername: "jane.doe@walk.test",
      IncomingMailServerAuthentication: "EmailAuthPassword",
      OutgoingMailServerHostName: HOST,
      OutgoingMailServerPortNumber: PORTS.smtps,
      OutgoingMailServerUseSSL: true,
      OutgoingMailServerUsername: "jane.doe@walk.test",
      OutgoingPasswordSameAsIncomingPassword: true,
    });
    expect(
      Object.keys(mail).some(
        (k) => /password$/i.test(k) && k !== "OutgoingPasswordSameAsIncomingPassword",
      ),
    ).toBe(false);
    expect(String(profile.PayloadUUID)).toMatch(
      /^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/,
    );
  });

  it("keeps the same identifiers for the same mailbox (reinstalling replaces) and differs per mailbox", async () => {
    const settings = await getConnectionSettings({ address: mailbox.address, protocol: "IMAP" });
    const a = parsePlist(
      appleProfileXml({ appUrl: "https://portal.example", mailboxId: 7, settings }),
    );
    const b = parsePlist(
      appleProfileXml({ appUrl: "https://portal.example", mailboxId: 7, settings }),
    );
    const c = parsePlist(
      appleProfileXml({ appUrl: "https://portal.example", mailboxId: 8, settings }),
    );
    expect(a.PayloadIdentifier).toBe("example.portal.octeportal.mail.7");
    expect(a.PayloadIdentifier).toBe(profileIdentifier("https://portal.example", 7));
    expect([a.PayloadIdentifier, a.PayloadUUID]).toEqual([b.PayloadIdentifier, b.PayloadUUID]);
    expect(a.PayloadUUID).not.toBe(c.PayloadUUID);
    expect((a.PayloadContent as Payload[])[0].EmailAccountType).toBe("EmailTypeIMAP");
  });

  it("is CMS-signed when a certificate is configured, and openssl verifies it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "octeportal-profile-sign-"));
    const cert = path.join(dir, "cert.pem");
    const key = path.join(dir, "key.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "1",
        "-subj",
        "/CN=Octeportal profile signing test",
      ],
      { stdio: "ignore" },
    );
    const settings = await getConnectionSettings({ address: mailbox.address, protocol: "POP3" });
    const xml = appleProfileXml({
      appUrl: "https://portal.example",
      mailboxId: mailbox.id,
      settings,
    });
    const signed = await signProfile(xml, { certPath: cert, keyPath: key });
    expect(signed[0]).toBe(0x30); // DER SEQUENCE, not the plain XML
    const signedFile = path.join(dir, "profile.der");
    writeFileSync(signedFile, signed);
    const content = execFileSync(
      "openssl",
      ["cms", "-verify", "-noverify", "-inform", "DER", "-in", signedFile],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    expect(content.toString()).toBe(xml);
    expect(parsePlist(content).PayloadType).toBe("Configuration");
    // A changed byte breaks the signature.
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf(Buffer.from("EmailTypePOP"));
    tampered[at] = "X".charCodeAt(0);
    writeFileSync(signedFile, tampered);
    expect(() =>
      execFileSync(
        "openssl",
        ["cms", "-verify", "-noverify", "-inform", "DER", "-in", signedFile],
        { stdio: "ignore" },
      ),
    ).toThrow();
  });
});

describe("one-time profile link (QR code)", () => {
  it("works once, carries no password, and is stored only as a hash", async () => {
    const link = await createProfileLink({
      mailboxId: mailbox.id,
      appUrl: "https://portal.example",
    });
    expect(link.url).toMatch(
      /^https:\/\/portal\.example\/walkthroughs\/profile-link\/[A-Za-z0-9_-]{43}$/,
    );
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000);
    const token = link.url.split("/").pop()!;
    const rows = await db().passwordResetToken.findMany({ where: { purpose: "profile_link" } });
    expect(rows.some((r) => r.tokenHash.includes(token))).toBe(false);
    expect(await redeemProfileLink(token)).toEqual(mailbox);
    expect(await redeemProfileLink(token)).toBeNull();
  });

  it("refuses expired, unknown and malformed tokens, and suspended mailboxes", async () => {
    const expired = await createProfileLink({ mailboxId: mailbox.id, appUrl: "https://p.example" });
    await db().passwordResetToken.updateMany({
      where: { usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await redeemProfileLink(expired.url.split("/").pop()!)).toBeNull();
    expect(await redeemProfileLink("A".repeat(43))).toBeNull();
    expect(await redeemProfileLink("../../etc")).toBeNull();
    const link = await createProfileLink({ mailboxId: mailbox.id, appUrl: "https://p.example" });
    await setMailboxSuspended({
      mailboxId: mailbox.id,
      suspended: true,
      actor: { type: "system" },
    });
    expect(await redeemProfileLink(link.url.split("/").pop()!)).toBeNull();
  });
});
