// Every SMTP command this server knows. EXPN, TURN and the like are deliberately absent.
import type { SmtpCommand } from "../command";
import { auth } from "./auth";
import { data } from "./data";
import { ehlo, helo } from "./hello";
import { mail } from "./mail";
import { rcpt } from "./rcpt";
import { help, noop, quit, rset, vrfy } from "./simple";
import { starttls } from "./starttls";

const COMMANDS = new Map<string, SmtpCommand>(
  [auth, data, ehlo, helo, help, mail, noop, quit, rcpt, rset, starttls, vrfy].map((c) => [
    c.name,
    c,
  ]),
);

export function findCommand(name: string): SmtpCommand | undefined {
  return COMMANDS.get(name);
}
