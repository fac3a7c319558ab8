// AUTHENTICATE PLAIN (RFC 4616), with the initial response on the command line (SASL-IR, RFC 4959)
// or after a "+" continuation.
import { bad, no, type ImapCommand } from "../command";
import { logIn } from "./login-decision";

export const authenticate: ImapCommand = {
  name: "AUTHENTICATE",
  states: ["notAuthenticated"],
  async handle(session, args) {
    const mechanism = args.atom().toUpperCase();
    const initial = args.remaining > 0 ? args.atom() : null;
    args.end();
    if (mechanism !== "PLAIN") return no("Unsupported authentication mechanism");
    if (!session.plaintextLoginAllowed)
      return no("Use STARTTLS or port 993 before logging in", "PRIVACYREQUIRED");
    let response = initial;
    if (response === null) {
      await session.writer.line("+ ");
      response = await session.reader.readLine();
      if (response === null) return bad("Connection closed");
    }
    if (response === "*") return bad("Authentication cancelled");
    if (response === "=") response = "";
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(response)) return bad("Invalid base64");
    const fields = Buffer.from(response, "base64").toString("utf8").split("\0");
    if (fields.length !== 3) return bad("Invalid PLAIN response");
    const [authzid, authcid, password] = fields;
    if (authzid && authzid.toLowerCase() !== authcid.toLowerCase())
      return no("Acting as another user is not allowed", "AUTHORIZATIONFAILED");
    return logIn(session, authcid, password);
  },
};
