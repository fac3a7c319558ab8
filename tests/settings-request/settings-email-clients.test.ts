// The settings email end to end on the default path: the portal's mailer hands it to the
// bundled backend's inbound SMTP port (no SMTP_RELAY_URL), which stores it in the mailbox; then
// the customer's side reads it back through real clients nobody here wrote (Python imaplib and
// poplib over TLS) and the stdlib email parser. It must carry the servers, ports and username,
// a PNG of the key dialog (inline, cid:) that decodes and shows the customer's own values, no
// password and no token, links built from APP_URL only, and stay under 300 KB.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/support/free-port";
import {
  linksOf,
  readNewestMail,
  readRawMail,
  textOf,
  type ReadMail,
} from "./support/read-settings-mail";

const APP_URL = "https://portal.example.net";
const PASSWORD = "Blue Harbour Lamp";
const smtpPort = await freePort();
process.env.APP_URL = APP_URL;
process.env.SMTP_PORT = String(smtpPort);
process.env.MAIL_HEALTH_HOST = "127.0.0.1";
delete process.env.SMTP_RELAY_URL;

const { loadEnv } = await import("@/lib/env");
const { db } = await import("@/lib/server/db/client");
const { addDomain } = await import("@/lib/server/domain/add-domain");
const { addMailbox } = await import("@/lib/server/mailbox/add-mailbox");
const { ensureServerEndpoints } = await import("@/lib/server/settings/ensure-server-endpoints");
const { getConnectionSettings } = await import("@/lib/server/settings/get-connection-settings");
const { requestSettingsEmail } =
  await import("@/lib/server/settings-request/request-settings-email");
const { deliverPendingSettingsEmails } =
  await import("@/lib/server/settings-request/deliver-pending-settings-emails");
const { keyDialogStep } = await import("@/lib/server/settings-request/key-dialog-picture");
const { buildWalkthrough } = await import("@/lib/server/walkthrough/build-walkthrough");
const { stepPicturePng, stepPictureSvg } =
  await import("@/lib/server/walkthrough/render-step-picture");
const { startSmtp } = await import("../smtp/support/harness");
const { startTestImapServer } = await import("../imap/support/imap-server");
const { startPop3 } = await import("../pop3/support");

const pngOf = (mail: ReadMail) => {
  const part = mail.parts.find((p) => p.type === "image/png");
  return part ? { ...part, bytes: Buffer.from(part.base64!, "base64") } : null;
};

async function readFromStore(address: string): Promise<ReadMail[]> {
  const rows = await db().message.findMany({
    where: { mailbox: { address } },
    orderBy: { id: "asc" },
    select: { raw: true },
  });
  return Promise.all(rows.map((row) => readRawMail(row.raw)));
}

let services: Array<{ close(): Promise<void> }> = [];
let imapsPort = 0;
let pop3sPort = 0;

beforeAll(async () => {
  const smtp = await startSmtp({
    services: { ports: { smtp: smtpPort, submission: 0, smtps: 0 }, closeTimeoutMs: 500 },
  });
  const imap = await startTestImapServer();
  const pop3 = await startPop3();
  services = [smtp, imap, pop3];
  imapsPort = imap.tlsPort;
  pop3sPort = pop3.tlsPort;
  const actor = { type: "system" as const };
  await ensureServerEndpoints({ ...loadEnv(), MAIL_HOSTNAME: "mail.example.net" });
  await addDomain({ name: "example.net", actor });
  await addMailbox({ address: "dana.backup@example.net", password: PASSWORD, actor });
  await addMailbox({
    address: "dana@example.net",
    password: PASSWORD,
    recoveryEmail: "dana.backup@example.net",
    actor,
  });
});
afterAll(async () => {
  await Promise.all(services.map((s) => s.close()));
});

describe("the settings email, read back by real clients", () => {
  it("arrives in the mailbox and at its recovery address through the bundled backend", async () => {
    expect(await requestSettingsEmail({ address: "Dana@Example.NET", ip: "192.0.2.10" })).toBe(
      "queued",
    );
    expect(await deliverPendingSettingsEmails()).toEqual({ sent: 1, failed: 0 });
    const [stored] = await readFromStore("dana@example.net");
    expect(stored.subject).toBe("Your email settings");
    expect((await readFromStore("dana.backup@example.net")).map((m) => m.subject)).toEqual([
      "Your email settings",
    ]);
    expect(stored.rawSize).toBeLessThan(300 * 1024);
  });

  it("carries a decodable PNG of the key dialog with the customer's own address and server", async () => {
    const [stored] = await readFromStore("dana@example.net");
    const png = pngOf(stored)!;
    expect(png.cid).toBe("<key-dialog@octeportal>");
    const html = textOf(stored, "text/html");
    expect(html).toMatch(/<img src="cid:key-dialog@octeportal" width="\d+"[^>]* alt="[^"]+"/);
    const meta = await sharp(png.bytes).metadata();
    expect(meta.format).toBe("png");
    expect(meta.width).toBeGreaterThan(300);
    // No browser to go by and an IMAP mailbox: Thunderbird's server-settings dialog.
    const settings = await getConnectionSettings({ address: "dana@example.net", protocol: "IMAP" });
    const walkthrough = buildWalkthrough({
      clientId: "thunderbird",
      settings,
      minTls: loadEnv().MAIL_MIN_TLS,
    });
    const step = keyDialogStep(walkthrough);
    expect(png.filename).toBe(`thunderbird-${step.id}.png`);
    const svg = stepPictureSvg(walkthrough, step);
    expect(svg).toContain("dana@example.net");
    expect(svg).toContain("mail.example.net");
    // The mailed PNG is exactly that drawing, rendered by the walkthrough renderer.
    expect(png.bytes.equals(await stepPicturePng(walkthrough, step))).toBe(true);
    expect(html).toContain(`${APP_URL}/walkthroughs/thunderbird`);
    expect(textOf(stored, "text/plain")).toContain(`${APP_URL}/walkthroughs/thunderbird`);
  });

  for (const mode of ["imap", "pop3"] as const) {
    it(`reads back through Python ${mode === "imap" ? "imaplib" : "poplib"}: settings, no password, no token, APP_URL links`, async () => {
      const env = loadEnv();
      const port = mode === "imap" ? imapsPort : pop3sPort;
      const mail = await readNewestMail(mode, port, "dana@example.net", PASSWORD);
      expect(mail.subject).toBe("Your email settings");
      const text = textOf(mail, "text/plain");
      const html = textOf(mail, "text/html");
      for (const body of [text, html]) {
        expect(body).toContain("mail.example.net");
        expect(body).toContain(`port ${env.IMAPS_PORT}`);
        expect(body).toContain(`port ${env.SMTPS_PORT}`);
        expect(body).toContain("dana@example.net");
        expect(body).not.toContain(PASSWORD);
        expect(body).not.toMatch(/token/i);
      }
      const links = linksOf(mail);
      expect(links.length).toBeGreaterThanOrEqual(3);
      for (const link of links) expect(link.startsWith(`${APP_URL}/`)).toBe(true);
      expect(pngOf(mail)!.size).toBeGreaterThan(1000);
    });
  }

  it("pictures the program guessed from the requesting browser, stored with the request", async () => {
    const iphoneSafari =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    await requestSettingsEmail({
      address: "dana@example.net",
      ip: "192.0.2.11",
      userAgent: iphoneSafari,
    });
    const row = await db().settingsRequest.findFirstOrThrow({ where: { ip: "192.0.2.11" } });
    expect(row.clientGuess).toBe("iphone");
    expect(await deliverPendingSettingsEmails()).toEqual({ sent: 1, failed: 0 });
    const mail = (await readFromStore("dana@example.net")).at(-1)!;
    expect(pngOf(mail)!.filename).toMatch(/^iphone-[a-z-]+\.png$/);
    expect(textOf(mail, "text/plain")).toContain(`${APP_URL}/walkthroughs/iphone`);
  });
});
