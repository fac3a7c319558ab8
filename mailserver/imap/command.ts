// What every command module declares: its name, the states it is allowed in, and a handler that
// takes its arguments apart (Args throws ParseError → BAD) and answers.
import type { ImapSession } from "./session";
import type { Args } from "./tokens";

export type SessionState = "notAuthenticated" | "authenticated" | "selected" | "logout";

export type Outcome = { status: "OK" | "NO" | "BAD"; code?: string; text: string };

export type CommandContext = { tag: string; uid: boolean };

export type ImapCommand = {
  name: string;
  states: readonly SessionState[];
  /** UID FETCH/STORE/COPY/MOVE/SEARCH/EXPUNGE exist. */
  uidVariant?: boolean;
  /** RFC 3501 §7.4.1: no untagged EXPUNGE while the (non-UID) command runs. */
  holdsExpunges?: boolean;
  /** Changes the selected folder: its updates are read back right after the command. */
  modifiesSelected?: boolean;
  /**
   * Asks for the folder's news (NOOP, CHECK): the database is read even when no notification has
   * come yet, so a change committed just before the command is always reported.
   */
  readsChanges?: boolean;
  handle(session: ImapSession, args: Args, ctx: CommandContext): Promise<Outcome>;
};

export const ok = (text = "Completed", code?: string): Outcome => ({ status: "OK", code, text });
export const no = (text: string, code?: string): Outcome => ({ status: "NO", code, text });
export const bad = (text: string, code?: string): Outcome => ({ status: "BAD", code, text });

export const ANY_STATE: readonly SessionState[] = ["notAuthenticated", "authenticated", "selected"];
export const AUTHENTICATED: readonly SessionState[] = ["authenticated", "selected"];
export const SELECTED: readonly SessionState[] = ["selected"];
