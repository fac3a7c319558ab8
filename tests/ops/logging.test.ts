// Structured logs: real clients (Python smtplib, poplib, imaplib) log in with a recognisable
// password, right and wrong, over every protocol; every log line is JSON, every line about a
// connection carries its id, and the password appears nowhere, in no encoding.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMailbox, startMailStack, type MailStack } from "./support/mail-stack";

const run = promisify(execFile);
const ADDRESS = "logger@ops.test";
const PASSWORD = "Zebra-Quartz-Lantern-7731";
const WRONG = "Wrong-Zebra-Quartz-0000";

// Each client logs in right and wrong, with every mechanism it has.
const CLIENTS = String.raw`
import base64, imaplib, poplib, smtplib, sys
host, smtp, pop3, imap, user, good, bad = sys.argv[1:8]
out = []

def plain(password):
    return base64.b64encode(("\0%s\0%s" % (user, password)).encode()).decode()

s = smtplib.SMTP(host, int(smtp), timeout=20)
s.ehlo("client.example")
out.append(s.login(user, good)[0])  # AUTH PLAIN
s.quit()
s = smtplib.SMTP(host, int(smtp), timeout=20)
s.ehlo("client.example")
s.user, s.password = user, good
out.append(s.auth("LOGIN", s.auth_login)[0])
s.quit()
s = smtplib.SMTP(host, int(smtp), timeout=20)
s.ehlo("client.example")
try:
    s.login(user, bad)
except smtplib.SMTPAuthenticationError as e:
    out.append(e.smtp_code)
s.quit()

p = poplib.POP3(host, int(pop3), timeout=20)
p.user(user)
out.append(p.pass_(good).split()[0].decode())
p.quit()
p = poplib.POP3(host, int(pop3), timeout=20)
out.append(p._shortcmd("AUTH PLAIN " + plain(good)).split()[0].decode())
p.quit()
p = poplib.POP3(host, int(pop3), timeout=20)
p.user(user)
try:
    p.pass_(bad)
except poplib.error_proto as e:
    out.append(str(e).split()[0].strip("b'"))
p.quit()

m = imaplib.IMAP4(host, int(imap), timeout=20)
out.append(m.login(user, good)[0])
m.logout()
m = imaplib.IMAP4(host, int(imap), timeout=20)
out.append(m.authenticate("PLAIN", lambda _: ("\0%s\0%s" % (user, good)).encode())[0])
m.logout()
m = imaplib.IMAP4(host, int(imap), timeout=20)
try:
    m.login(user, bad)
except imaplib.IMAP4.error:
    out.append("NO")
m.logout()
print(" ".join(str(o) for o in out))
`;

let stack: MailStack;
beforeAll(async () => {
  stack = await startMailStack();
  await seedMailbox(ADDRESS, PASSWORD);
});
afterAll(() => stack?.close());

describe("mail backend logs", () => {
  it("are JSON with a connection id on every connection line, and never hold a password", async () => {
    const { stdout } = await run(
      "python3",
      [
        "-c",
        CLIENTS,
        "127.0.0.1",
        String(stack.port.submission),
        String(stack.port.pop3),
        String(stack.port.imap),
        ADDRESS,
        PASSWORD,
        WRONG,
      ],
      { timeout: 60_000 },
    );
    expect(stdout.trim().split(" ")).toEqual(
      ["235", "235", "535", "+OK", "+OK", "-ERR", "OK", "OK", "NO"].map(String),
    );
    // Disconnect lines are written when the sockets close; give the last ones a moment.
    await expect.poll(() => disconnects().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(9);

    const records = stack.logs.records(); // throws if a line is not JSON
    expect(records.length).toBe(stack.logs.lines.length);
    const connectionLines = records.filter((r) => r.proto !== undefined && r.event !== "listening");
    for (const r of connectionLines) {
      if (r.component === "relay" || r.event === "folder_change_listener") continue;
      expect(r, JSON.stringify(r)).toMatchObject({
        cid: expect.stringMatching(/^[\w-]{6,}$/),
        remoteAddress: "127.0.0.1",
      });
    }
    for (const proto of ["smtp", "pop3", "imap"]) {
      const lines = connectionLines.filter((r) => r.proto === proto);
      const cids = new Set(lines.map((r) => r.cid));
      expect(cids.size, proto).toBe(3);
      for (const cid of cids) {
        const events = lines.filter((r) => r.cid === cid).map((r) => r.event);
        expect(events, `${proto} ${cid}`).toContain("connect");
        expect(events, `${proto} ${cid}`).toContain("disconnect");
      }
      const disconnect = lines.find((r) => r.event === "disconnect")!;
      expect(disconnect).toMatchObject({
        durationMs: expect.any(Number),
        bytesIn: expect.any(Number),
        bytesOut: expect.any(Number),
      });
      expect(disconnect.bytesIn as number).toBeGreaterThan(0);
    }
    const auth = records.filter((r) => r.event === "auth");
    expect(auth).toContainEqual(
      expect.objectContaining({ proto: "smtp", result: "ok", method: "PLAIN", address: ADDRESS }),
    );
    expect(auth).toContainEqual(
      expect.objectContaining({ proto: "smtp", result: "ok", method: "LOGIN", address: ADDRESS }),
    );
    expect(auth).toContainEqual(
      expect.objectContaining({ proto: "smtp", result: "failed", reason: "wrong_password" }),
    );
    expect(auth).toContainEqual(
      expect.objectContaining({ proto: "pop3", result: "failed", reason: "wrong_password" }),
    );
    expect(auth.filter((r) => r.proto === "pop3" && r.result === "ok")).toHaveLength(2);
    expect(auth.filter((r) => r.proto === "imap" && r.result === "ok")).toHaveLength(2);
    expect(auth).toContainEqual(
      expect.objectContaining({ proto: "imap", result: "failed", reason: "wrong_password" }),
    );

    const all = stack.logs.lines.join("\n");
    for (const password of [PASSWORD, WRONG]) {
      const forms = [
        password,
        Buffer.from(password).toString("base64"),
        Buffer.from(`\0${ADDRESS}\0${password}`).toString("base64"),
        JSON.stringify(password).slice(1, -1),
      ];
      for (const form of forms) expect(all, form).not.toContain(form);
      // base64 of the password at any offset inside a longer blob: its stable middle part.
      expect(all).not.toContain(Buffer.from(password).toString("base64").slice(4, -4));
    }
  });
});

function disconnects() {
  return stack.logs.records().filter((r) => r.event === "disconnect");
}
