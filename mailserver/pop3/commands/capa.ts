import type { Pop3Command } from "../command";
import type { Pop3Connection } from "../connection";

/** RFC 2449 CAPA: what this server does, in the current state and security. */
export function capabilities(connection: Pop3Connection): string[] {
  const loggingIn = connection.state === "AUTHORIZATION";
  const offerLogin = loggingIn && connection.plaintextAllowed;
  return [
    "TOP",
    "UIDL",
    "RESP-CODES",
    "AUTH-RESP-CODE",
    "PIPELINING",
    "EXPIRE NEVER",
    "LOGIN-DELAY 0",
    ...(offerLogin ? ["USER", "SASL PLAIN"] : []),
    ...(connection.canStartTls ? ["STLS"] : []),
    "IMPLEMENTATION Octeportal",
  ];
}

export const capa: Pop3Command = {
  name: "CAPA",
  states: ["AUTHORIZATION", "TRANSACTION"],
  run: (connection) => connection.sendLines("Capability list follows", capabilities(connection)),
};
