// The portal's outgoing email (settings, password resets, security notices). It goes through
// SMTP_RELAY_URL, or by default into the bundled backend's inbound port, which delivers to
// hosted mailboxes — so a demo install mails the demo mailbox itself.
import net from "node:net";
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type { SMTPTransportGetSocket } from "nodemailer/lib/smtp-transport";
import { loadEnv } from "@/lib/env";

export type OutgoingMail = {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: Array<{ filename: string; content: Buffer; cid?: string; contentType?: string }>;
};

let transport: Transporter | undefined;

function getTransport(): Transporter {
  if (!transport) {
    const env = loadEnv();
    transport = env.SMTP_RELAY_URL
      ? nodemailer.createTransport(env.SMTP_RELAY_URL)
      : nodemailer.createTransport({
          host: env.MAIL_HEALTH_HOST,
          port: env.SMTP_PORT,
          secure: false,
          // Loopback hop to our own backend: nothing to protect, and its certificate may be self-signed.
          ignoreTLS: true,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
          ...(env.MAIL_PROXY_PROTOCOL ? { getSocket: proxiedSocket } : {}),
        });
  }
  return transport;
}

/**
 * With MAIL_PROXY_PROTOCOL the backend expects a PROXY header on every connection; this hop
 * is ours, so it sends "UNKNOWN": the backend then uses the real peer (loopback must be in
 * MAIL_PROXY_TRUSTED, as it is by default).
 */
const proxiedSocket: SMTPTransportGetSocket = (options, callback) => {
  const socket = net.connect(Number(options.port ?? 25), options.host ?? "127.0.0.1");
  const onError = (error: Error) => callback(error);
  socket.once("error", onError);
  socket.once("connect", () => {
    socket.off("error", onError);
    socket.write("PROXY UNKNOWN\r\n");
    callback(null, { connection: socket });
  });
};

export function senderAddress(): string {
  const env = loadEnv();
  return env.MAIL_FROM ?? `no-reply@${env.MAIL_HOSTNAME}`;
}

/** Sends one message; rejects with the SMTP error when the relay refuses or is unreachable. */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  await getTransport().sendMail({
    from: { name: "Octeportal", address: senderAddress() },
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments,
    // Our headers only: nodemailer encodes values and strips CR/LF from them.
    headers: { "Auto-Submitted": "auto-generated" },
  });
}
