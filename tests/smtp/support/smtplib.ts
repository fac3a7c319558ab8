import { python } from "./harness";

export type SmtplibReply = { step: string; code: number; text: string };
export type SmtplibResult = {
  replies: SmtplibReply[];
  features_before_tls: string[] | null;
  features: string[] | null;
  auth_features?: string;
};

export type SmtplibSpec = {
  port: number;
  ssl?: boolean;
  starttls?: boolean;
  ehlo?: string;
  login?: [string, string];
  mail_from: string;
  mail_options?: string[];
  rcpt?: string[];
  data?: Buffer;
};

/** One SMTP session with Python's smtplib (tests/smtp/clients/smtplib_session.py). */
export function smtplibSession(spec: SmtplibSpec): Promise<SmtplibResult> {
  const { data, ...rest } = spec;
  return python<SmtplibResult>("smtplib_session", {
    host: "127.0.0.1",
    ...rest,
    ...(data ? { data_b64: data.toString("base64") } : {}),
  });
}

export const replyOf = (result: SmtplibResult, step: string) =>
  result.replies.filter((r) => r.step === step);
