// Mail the product itself sends (reset links, settings emails) goes out through
// SMTP_RELAY_URL, or by default into the bundled backend's inbound port on loopback.
import nodemailer from "nodemailer";
import { loadEnv } from "@/lib/env";
import { AppError } from "@/lib/server/errors/app-error";

export type OutgoingMail = { to: string; subject: string; text: string };

export function relayUrl(): string {
  const env = loadEnv();
  return env.SMTP_RELAY_URL ?? `smtp://127.0.0.1:${env.SMTP_PORT}`;
}

export function senderAddress(): string {
  return `Octeportal <no-reply@${loadEnv().MAIL_HOSTNAME}>`;
}

/** Throws AppError UNAVAILABLE with the relay's answer when the mail is not accepted. */
export async function sendMail(mail: OutgoingMail): Promise<{ messageId: string }> {
  const env = loadEnv();
  const usingDefault = !env.SMTP_RELAY_URL;
  // No CR/LF may reach a header: nodemailer folds them, but refuse outright to be sure.
  if (/[\r\n]/.test(mail.to) || /[\r\n]/.test(mail.subject))
    throw new AppError("INVALID_INPUT", "Line breaks are not allowed in mail headers.");
  const url = new URL(relayUrl());
  // The bundled backend on loopback has a self-signed certificate; it is this machine.
  if (usingDefault) url.searchParams.set("ignoreTLS", "true");
  for (const [key, ms] of [
    ["connectionTimeout", 10_000],
    ["greetingTimeout", 10_000],
    ["socketTimeout", 20_000],
  ] as const)
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(ms));
  const transport = nodemailer.createTransport(url.toString());
  try {
    const info = await transport.sendMail({
      from: senderAddress(),
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
    return { messageId: info.messageId };
  } catch (error) {
    throw new AppError(
      "UNAVAILABLE",
      `The mail could not be sent: ${(error as Error).message}`.slice(0, 500),
    );
  } finally {
    transport.close();
  }
}
