// MAIL_MIN_TLS: TLS 1.2 by default; an operator with legacy clients may lower it to TLSv1,
// and then a TLS 1.0 client really gets through (not only on paper).
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtp, type SmtpHarness } from "./support/harness";

function greetingOver(port: number, version: tls.SecureVersion): Promise<string> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      port,
      host: "127.0.0.1",
      rejectUnauthorized: false,
      minVersion: version,
      maxVersion: version,
      ciphers: "DEFAULT@SECLEVEL=0",
    });
    socket.once("data", (d) => {
      resolve(`${socket.getProtocol()} ${d.toString().trim()}`);
      socket.destroy();
    });
    socket.once("error", (e) => resolve(`error ${e.message}`));
  });
}

let modern: SmtpHarness;
let legacy: SmtpHarness;
beforeAll(async () => {
  modern = await startSmtp();
  legacy = await startSmtp({ env: { MAIL_MIN_TLS: "TLSv1" } });
});
afterAll(async () => {
  await modern.close();
  await legacy.close();
});

describe("MAIL_MIN_TLS on the SMTPS listener", () => {
  it("refuses TLS 1.0 by default and speaks TLS 1.2", async () => {
    expect(await greetingOver(modern.smtps, "TLSv1")).toMatch(/^error /);
    expect(await greetingOver(modern.smtps, "TLSv1.2")).toMatch(/^TLSv1\.2 220 /);
  });

  it("accepts a TLS 1.0 client when lowered to TLSv1", async () => {
    expect(await greetingOver(legacy.smtps, "TLSv1")).toMatch(/^TLSv1 220 /);
  });
});
