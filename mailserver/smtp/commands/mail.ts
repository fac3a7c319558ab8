import { normaliseAddress } from "@/lib/server/mailbox/address";
import type { SmtpCommand } from "../command";
import { parsePathArgument } from "../path-argument";
import { FIXED, refuse, replies } from "../smtp-reply";

/** Parameters that need a value (RFC 1870 SIZE, 6152 BODY, 4954 AUTH, 3461 RET/ENVID). */
const WITH_VALUE = new Set(["SIZE", "BODY", "AUTH", "RET", "ENVID"]);

/** MAIL FROM (RFC 5321 §4.1.1.2) with SIZE=, BODY=7BIT|8BITMIME, SMTPUTF8 and DSN's RET/ENVID. */
export const mail: SmtpCommand = {
  name: "MAIL",
  states: ["greeted"],
  wrongState: "nested MAIL command",
  needsAuth: true,
  run(session, args) {
    const path = parsePathArgument(args, "FROM");
    if (!path) return session.send(refuse(501, "5.5.4", "Error: Bad sender address syntax"));
    let size: number | undefined;
    for (const [key, value] of path.params) {
      if (WITH_VALUE.has(key) && (value === true || value === ""))
        return session.send(refuse(501, "5.5.4", `Error: ${key} parameter requires a value`));
      if (key === "SIZE") {
        if (!/^\d{1,20}$/.test(value as string))
          return session.send(refuse(501, "5.5.4", "Error: Bad message size syntax"));
        size = Number(value);
        if (size > session.door.maxMessageSize)
          return session.send(replies.messageTooBig(session.door.maxMessageSize).line);
      } else if (key === "BODY") {
        const body = (value as string).toUpperCase();
        if (body !== "7BIT" && body !== "8BITMIME")
          return session.send(refuse(501, "5.5.4", "Error: BODY must be 7BIT or 8BITMIME"));
      } else if (key === "SMTPUTF8") {
        if (value !== true)
          return session.send(refuse(501, "5.5.4", "Error: SMTPUTF8 takes no value"));
      } else if (!WITH_VALUE.has(key)) {
        return session.send(refuse(555, "5.5.4", `Error: Unsupported parameter ${key}`));
      }
    }
    const user = session.user;
    if (user && (path.address === "" || normaliseAddress(path.address) !== user.address))
      return session.send(replies.wrongSender(user.address).line);
    session.mailFrom = path.address;
    session.declaredSize = size;
    session.state = "mail";
    session.send(FIXED.senderOk);
  },
};
