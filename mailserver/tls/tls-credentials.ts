// TLS for every mail listener: TLS_CERT/TLS_KEY, or a self-signed certificate made once under
// DATA_DIR/tls. `current()` always returns the newest context, so SIGHUP reloads certificates
// for new connections without a restart.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import tls from "node:tls";
import type { Env } from "@/lib/env";
import type { MailLogger } from "../logging/mail-logger";

export type TlsCredentials = {
  current(): tls.SecureContext;
  /** Options for tls.createServer / smtp-server / TLSSocket. */
  serverOptions(): tls.TlsOptions;
  reload(): void;
  readonly selfSigned: boolean;
};

async function ensureSelfSigned(
  env: Env,
  logger: MailLogger,
): Promise<{ cert: string; key: string }> {
  const dir = path.join(env.DATA_DIR, "tls");
  const cert = path.join(dir, "self-signed.crt");
  const key = path.join(dir, "self-signed.key");
  if (!existsSync(cert) || !existsSync(key)) {
    const { generate } = await import("selfsigned");
    const notAfterDate = new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000);
    const pems = await generate([{ name: "commonName", value: env.MAIL_HOSTNAME }], {
      keySize: 2048,
      algorithm: "sha256",
      notAfterDate,
      extensions: [
        {
          name: "subjectAltName",
          altNames: [
            { type: 2, value: env.MAIL_HOSTNAME },
            { type: 7, ip: "127.0.0.1" },
          ],
        },
      ],
    });
    mkdirSync(dir, { recursive: true });
    writeFileSync(key, pems.private, { mode: 0o600 });
    writeFileSync(cert, pems.cert);
  }
  logger.warn(
    { event: "tls_self_signed", dir },
    `no TLS_CERT/TLS_KEY set; using the self-signed certificate in ${dir} (clients will warn)`,
  );
  return { cert, key };
}

export async function loadTlsCredentials(env: Env, logger: MailLogger): Promise<TlsCredentials> {
  const files =
    env.TLS_CERT && env.TLS_KEY
      ? { cert: env.TLS_CERT, key: env.TLS_KEY }
      : await ensureSelfSigned(env, logger);
  const minVersion = env.MAIL_MIN_TLS as tls.SecureVersion;
  // OpenSSL 3 offers TLS 1.0/1.1 only at security level 0 (their SHA-1 based handshakes are
  // refused above it), so lowering MAIL_MIN_TLS lowers the level too; the ciphers stay
  // OpenSSL's defaults (no RC4 or 3DES).
  const legacy = minVersion === "TLSv1" || minVersion === "TLSv1.1";
  const versionOptions = legacy ? { minVersion, ciphers: "DEFAULT@SECLEVEL=0" } : { minVersion };
  const read = () => ({ cert: readFileSync(files.cert), key: readFileSync(files.key) });
  let pems = read();
  let context = tls.createSecureContext({ ...pems, ...versionOptions });
  return {
    selfSigned: !(env.TLS_CERT && env.TLS_KEY),
    current: () => context,
    serverOptions: () => ({
      ...pems,
      ...versionOptions,
      // New connections (implicit TLS or STARTTLS) pick up the newest certificate.
      SNICallback: (_name, cb) => cb(null, context),
    }),
    reload() {
      try {
        const next = read();
        context = tls.createSecureContext({ ...next, ...versionOptions });
        pems = next;
        logger.info({ event: "tls_reload" }, "TLS certificate reloaded");
      } catch (error) {
        logger.error(
          { event: "tls_reload_failed", err: (error as Error).message },
          "TLS reload failed, keeping the previous certificate",
        );
      }
    },
  };
}
