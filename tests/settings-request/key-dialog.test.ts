// Which picture the settings email carries: for every client and both protocols, the chosen
// step is a dialog showing the customer's incoming server (the values they must type), and the
// default program follows the protocol when no browser told us better.
import { describe, expect, it } from "vitest";
import type { ConnectionSettings, Endpoint } from "@/lib/server/settings/get-connection-settings";
import { defaultClientFor, keyDialogStep } from "@/lib/server/settings-request/key-dialog-picture";
import { buildWalkthrough, CLIENTS } from "@/lib/server/walkthrough/build-walkthrough";

const endpoint = (port: number, security: Endpoint["security"]): Endpoint => ({
  hostname: "mail.example.net",
  port,
  security,
  recommended: security === "IMPLICIT_TLS",
});
const service = (tls: number, starttls: number) => ({
  options: [endpoint(tls, "IMPLICIT_TLS"), endpoint(starttls, "STARTTLS")],
  recommended: endpoint(tls, "IMPLICIT_TLS"),
});

function settingsFor(protocol: "IMAP" | "POP3"): ConnectionSettings {
  const imap = service(2993, 2143);
  const pop3 = service(2995, 2110);
  return {
    username: "dana@example.net",
    protocol,
    incoming: { ...(protocol === "IMAP" ? imap : pop3), protocol },
    imap,
    pop3,
    outgoing: service(2465, 2587),
    outgoingAuthRequired: true,
  };
}

describe("the key dialog", () => {
  for (const protocol of ["IMAP", "POP3"] as const)
    it(`shows the incoming server for every client (${protocol})`, () => {
      for (const client of CLIENTS) {
        const walkthrough = buildWalkthrough({
          clientId: client.id,
          settings: settingsFor(protocol),
          minTls: "TLSv1.2",
        });
        const step = keyDialogStep(walkthrough);
        expect(JSON.stringify(step.picture.widgets), `${client.id} ${step.id}`).toContain(
          "mail.example.net",
        );
      }
    });

  it("is the server-settings step of Thunderbird and Outlook", () => {
    const pick = (clientId: string) =>
      keyDialogStep(
        buildWalkthrough({ clientId, settings: settingsFor("IMAP"), minTls: "TLSv1.2" }),
      ).id;
    expect([pick("thunderbird"), pick("outlook")]).toEqual(["manual-incoming", "incoming"]);
  });

  it("defaults to Outlook for POP3 and Thunderbird for IMAP", () => {
    expect([defaultClientFor("POP3"), defaultClientFor("IMAP")]).toEqual([
      "outlook",
      "thunderbird",
    ]);
  });
});
