// MAIL_MIN_TLS=TLSv1 must let a TLS 1.0 client (Windows Mail on Vista) in on every mail
// protocol, not only SMTP; the default (TLS 1.2) must refuse it. The client is OpenSSL's
// s_client, speaking POP3 STLS, POP3S, IMAP STARTTLS and IMAPS.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { startImapServices } from "@/mailserver/imap";
import { startPop3Services } from "@/mailserver/pop3";
import type { RunningService } from "@/mailserver/service";
import { loadTlsCredentials } from "@/mailserver/tls/tls-credentials";
import { freePort } from "@/scripts/support/free-port";
import { captureLogs } from "../support/captured-logger";

type Ports = { pop3: number; pop3s: number; imap: number; imaps: number };
const running: RunningService[] = [];

async function startMailDoors(minTls: string): Promise<Ports> {
  const env = parseEnv({
    ...process.env,
    MAIL_MIN_TLS: minTls,
    POP3_PORT: String(await freePort()),
    POP3S_PORT: String(await freePort()),
    IMAP_PORT: String(await freePort()),
    IMAPS_PORT: String(await freePort()),
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "legacy-tls-")),
    MAIL_BIND_HOST: "127.0.0.1",
  });
  const { logger } = captureLogs();
  const ctx = { env, tls: await loadTlsCredentials(env, logger), logger };
  const services = [...(await startPop3Services(ctx)), ...(await startImapServices(ctx))];
  running.push(...services);
  const port = (name: string) => services.find((s) => s.name === name)!.port;
  return { pop3: port("pop3"), pop3s: port("pop3s"), imap: port("imap"), imaps: port("imaps") };
}

/**
 * The negotiated TLS version and the first answer read over TLS 1.0 (the greeting on the
 * implicit-TLS ports; after STARTTLS/STLS, the answer to LOGOUT/QUIT), or "refused".
 * -ign_eof keeps s_client reading until the server closes after LOGOUT/QUIT, so the answer
 * is never cut off by the end of our input.
 */
function overTls10(port: number, protocol: "pop3" | "imap", starttls = false): Promise<string> {
  const args = ["s_client", "-connect", `127.0.0.1:${port}`, "-tls1", "-ign_eof"];
  args.push("-cipher", "DEFAULT@SECLEVEL=0");
  if (starttls) args.push("-starttls", protocol);
  return new Promise((resolve) => {
    const child = execFile("openssl", args, { timeout: 15_000 }, (_error, stdout) => {
      // "New, TLSv1, Cipher is AES256-SHA" once a handshake succeeded; "(NONE)" otherwise.
      const version = /^New, (\S+), Cipher is (?!\(NONE\))/m.exec(stdout)?.[1];
      const answer = /^(\+OK|\* OK|\* BYE)[^\r\n]*/m.exec(stdout)?.[0];
      resolve(version ? `${version} ${answer ?? ""}`.trim() : "refused");
    });
    child.stdin!.end(protocol === "imap" ? "a LOGOUT\r\n" : "QUIT\r\n");
  });
}

let legacy: Ports;
let modern: Ports;
beforeAll(async () => {
  legacy = await startMailDoors("TLSv1");
  modern = await startMailDoors("TLSv1.2");
});
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
});

describe("MAIL_MIN_TLS on POP3 and IMAP", () => {
  it("lets a TLS 1.0 client in on all four doors when lowered to TLSv1", async () => {
    expect(await overTls10(legacy.pop3s, "pop3")).toMatch(/^TLSv1(\.0)? \+OK/);
    expect(await overTls10(legacy.imaps, "imap")).toMatch(/^TLSv1(\.0)? \* OK/);
    expect(await overTls10(legacy.pop3, "pop3", true)).toMatch(/^TLSv1(\.0)? \+OK/);
    expect(await overTls10(legacy.imap, "imap", true)).toMatch(/^TLSv1(\.0)? \* BYE/);
  });

  it("refuses TLS 1.0 by default", async () => {
    for (const [port, protocol, starttls] of [
      [modern.pop3s, "pop3", false],
      [modern.imaps, "imap", false],
      [modern.pop3, "pop3", true],
      [modern.imap, "imap", true],
    ] as const)
      expect(await overTls10(port, protocol, starttls)).toBe("refused");
  });
});
