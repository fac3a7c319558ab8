import { ANY_STATE, type SmtpCommand } from "../command";

/** RFC 3207 STARTTLS: no parameters, once, on the plain listeners. */
export const starttls: SmtpCommand = {
  name: "STARTTLS",
  states: ANY_STATE,
  run(session, args) {
    if (args.trim() !== "") return session.send("501 5.5.4 Error: Syntax: STARTTLS\r\n");
    if (session.secure) return session.send("503 5.5.1 Error: TLS already active\r\n");
    return session.startTls();
  },
};
