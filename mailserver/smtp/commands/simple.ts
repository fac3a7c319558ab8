// Commands that only answer: NOOP, RSET, QUIT, HELP, VRFY.
import { ANY_STATE, type SmtpCommand } from "../command";
import { FIXED } from "../smtp-reply";

export const noop: SmtpCommand = {
  name: "NOOP",
  states: ANY_STATE,
  run: (session) => session.send(FIXED.ok),
};

export const rset: SmtpCommand = {
  name: "RSET",
  states: ANY_STATE,
  run(session) {
    session.resetTransaction();
    session.send(FIXED.flushed);
  },
};

export const quit: SmtpCommand = {
  name: "QUIT",
  states: ANY_STATE,
  run: (session) => session.closeWith(FIXED.bye),
};

export const help: SmtpCommand = {
  name: "HELP",
  states: ANY_STATE,
  run: (session) => session.send(FIXED.help),
};

/** VRFY never says whether an address exists (address harvesting): 252 for every address. */
export const vrfy: SmtpCommand = {
  name: "VRFY",
  states: ANY_STATE,
  run: (session, args) =>
    session.send(args.trim() === "" ? "501 5.5.4 Error: Syntax: VRFY address\r\n" : FIXED.vrfy),
};
