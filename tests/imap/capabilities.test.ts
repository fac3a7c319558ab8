// Plaintext login is only offered over TLS or on loopback (LOGINDISABLED, no AUTH=PLAIN).
import { describe, expect, it } from "vitest";
import { capabilities } from "@/mailserver/imap/capabilities";
import type { ImapSession } from "@/mailserver/imap/session";

const session = (state: string, secure: boolean, plaintextLoginAllowed: boolean) =>
  ({
    state,
    secure,
    plaintextLoginAllowed,
    shared: { limits: { appendLimit: 1234 } },
  }) as unknown as ImapSession;

describe("IMAP CAPABILITY", () => {
  it("disables plaintext login before TLS off loopback", () => {
    const caps = capabilities(session("notAuthenticated", false, false)).split(" ");
    expect(caps).toContain("STARTTLS");
    expect(caps).toContain("LOGINDISABLED");
    expect(caps).not.toContain("AUTH=PLAIN");
  });

  it("offers AUTH=PLAIN over TLS and drops STARTTLS and AUTH once logged in", () => {
    expect(capabilities(session("notAuthenticated", true, true)).split(" ")).toEqual(
      expect.arrayContaining(["AUTH=PLAIN", "SASL-IR", "APPENDLIMIT=1234"]),
    );
    const after = capabilities(session("authenticated", true, true)).split(" ");
    expect(after).not.toContain("STARTTLS");
    expect(after).not.toContain("AUTH=PLAIN");
    expect(after).toEqual(
      expect.arrayContaining(["IDLE", "MOVE", "CONDSTORE", "QUOTA", "UIDPLUS"]),
    );
  });
});
