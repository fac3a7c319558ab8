// A certificate replaced on disk and reloaded (what SIGHUP does) is presented to the next
// SMTP connection, on implicit TLS and after STARTTLS, without restarting the listeners.
import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtp, type SmtpHarness } from "./support/harness";

const dir = mkdtempSync(path.join(os.tmpdir(), "octeportal-smtp-cert-"));
const certFile = path.join(dir, "cert.pem");
const keyFile = path.join(dir, "key.pem");

async function writeCertificate(commonName: string) {
  const pems = await generate([{ name: "commonName", value: commonName }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  writeFileSync(certFile, pems.cert);
  writeFileSync(keyFile, pems.private);
}

const commonName = (socket: tls.TLSSocket) => String(socket.getPeerCertificate().subject?.CN);

function implicitTlsName(port: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ port, host: "127.0.0.1", rejectUnauthorized: false }, () => {
      resolve(commonName(socket));
      socket.destroy();
    });
    socket.once("error", reject);
  });
}

function startTlsName(port: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const plain = net.connect(port, "127.0.0.1");
    let replies = 0;
    plain.on("data", (chunk) => {
      if (!/^220 /m.test(chunk.toString())) return reject(new Error(chunk.toString()));
      replies += 1;
      if (replies === 1) return void plain.write("STARTTLS\r\n");
      plain.removeAllListeners("data");
      const secure = tls.connect({ socket: plain, rejectUnauthorized: false }, () => {
        resolve(commonName(secure));
        secure.destroy();
      });
      secure.once("error", reject);
    });
    plain.once("error", reject);
  });
}

let smtp: SmtpHarness;
beforeAll(async () => {
  await writeCertificate("first.octeportal.test");
  smtp = await startSmtp({ env: { TLS_CERT: certFile, TLS_KEY: keyFile } });
});
afterAll(async () => smtp.close());

describe("certificate reload", () => {
  it("presents the new certificate to new connections after a reload", async () => {
    expect(await implicitTlsName(smtp.smtps)).toBe("first.octeportal.test");
    expect(await startTlsName(smtp.submission)).toBe("first.octeportal.test");
    await writeCertificate("second.octeportal.test");
    smtp.tls.reload();
    expect(await implicitTlsName(smtp.smtps)).toBe("second.octeportal.test");
    expect(await startTlsName(smtp.submission)).toBe("second.octeportal.test");
    expect(await startTlsName(smtp.smtp)).toBe("second.octeportal.test");
  });
});
