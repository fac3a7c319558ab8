// AUTH PLAIN and LOGIN (RFC 4954, 4616) on submission. Decoding and the exchange are here; the
// decision is authenticateMailbox's (through auth-handler.ts). Nothing of it is logged.
import { authenticateSmtpSession } from "../auth-handler";
import type { SmtpCommand } from "../command";
import type { SmtpSession } from "../session";
import { FIXED, replies, SmtpReply } from "../smtp-reply";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const USERNAME_PROMPT = "334 VXNlcm5hbWU6\r\n";
const PASSWORD_PROMPT = "334 UGFzc3dvcmQ6\r\n";
const INVALID_BASE64 = "501 5.5.2 Error: invalid base64 data\r\n";
const ABORTED = "501 5.7.0 Authentication aborted\r\n";

export const auth: SmtpCommand = {
  name: "AUTH",
  states: ["greeted"],
  wrongState: "AUTH is not allowed during a mail transaction",
  run(session, args) {
    if (session.door.mode !== "submission")
      return session.send("502 5.5.1 Error: AUTH not available here\r\n");
    if (session.user) return session.send("503 5.5.1 Error: No identity changes permitted\r\n");
    if (!session.mayAuthenticate) return session.send(replies.encryptionRequired().line);
    const [method = "", initial, extra] = args.trim().split(/\s+/);
    if (extra !== undefined) return session.send("501 5.5.4 Error: Syntax: AUTH mechanism\r\n");
    switch (method.toUpperCase()) {
      case "PLAIN":
        if (initial === undefined) {
          session.send("334 \r\n");
          return session.expectContinuation((line) => plain(session, line));
        }
        return plain(session, initial);
      case "LOGIN":
        if (initial === undefined) {
          session.send(USERNAME_PROMPT);
          return session.expectContinuation((line) => loginUsername(session, line));
        }
        return loginUsername(session, initial);
      default:
        return session.send("504 5.5.4 Error: Unrecognized authentication type\r\n");
    }
  },
};

/** A client response: decoded text, or null after answering (bad base64, "*" to abort). */
function decode(session: SmtpSession, response: string): string | null {
  const text = response.trim();
  if (text === "*") {
    session.send(ABORTED);
    return null;
  }
  if (text === "=") return "";
  if (!BASE64.test(text)) {
    session.send(INVALID_BASE64);
    return null;
  }
  return Buffer.from(text, "base64").toString("utf8");
}

/** PLAIN: authzid NUL authcid NUL password; an authzid other than authcid is not offered. */
function plain(session: SmtpSession, response: string): void | Promise<void> {
  const decoded = decode(session, response);
  if (decoded === null) return;
  const parts = decoded.split("\0");
  if (parts.length !== 3 || (parts[0] !== "" && parts[0] !== parts[1]))
    return session.send("501 5.5.2 Error: invalid PLAIN response\r\n");
  return signIn(session, "PLAIN", parts[1], parts[2]);
}

function loginUsername(session: SmtpSession, response: string): void {
  const username = decode(session, response);
  if (username === null) return;
  session.send(PASSWORD_PROMPT);
  session.expectContinuation((line) => {
    const password = decode(session, line);
    if (password !== null) return signIn(session, "LOGIN", username, password);
  });
}

function signIn(
  session: SmtpSession,
  method: "PLAIN" | "LOGIN",
  username: string,
  password: string,
): Promise<void> {
  return authenticateSmtpSession({ method, username, password }, session, session.logger).then(
    (user) => {
      session.user = user;
      session.send(FIXED.authOk);
    },
    (error) => {
      if (error instanceof SmtpReply) return session.send(error.line);
      session.logger.error(
        { event: "temporary_failure", err: (error as Error)?.message ?? String(error) },
        "temporary failure",
      );
      session.send("454 4.7.0 Temporary authentication failure, try again later\r\n");
    },
  );
}
