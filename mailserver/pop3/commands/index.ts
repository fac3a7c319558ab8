// Every POP3 command this server knows. APOP is deliberately absent: it needs the plain
// password on the server, and we keep only argon2id hashes.
import type { Pop3Command } from "../command";
import { auth } from "./auth";
import { capa } from "./capa";
import { dele } from "./dele";
import { list } from "./list";
import { noop } from "./noop";
import { pass } from "./pass";
import { quit } from "./quit";
import { retr } from "./retr";
import { rset } from "./rset";
import { stat } from "./stat";
import { stls } from "./stls";
import { top } from "./top";
import { uidl } from "./uidl";
import { user } from "./user";

const COMMANDS = new Map<string, Pop3Command>(
  [auth, capa, dele, list, noop, pass, quit, retr, rset, stat, stls, top, uidl, user].map((c) => [
    c.name,
    c,
  ]),
);

export function findCommand(name: string): Pop3Command | undefined {
  return COMMANDS.get(name);
}
