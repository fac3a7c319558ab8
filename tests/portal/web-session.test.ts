// The portal session: sign-in through the shared login decision, the token, and the
// per-request check that kills sessions on password change, suspension or sign out.
import { beforeAll, describe, expect, it } from "vitest";

process.env.AUTH_SECRET ??= "vitest-secret-vitest-secret-vitest-secret";

import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { setMailboxPassword } from "@/lib/server/mailbox/set-mailbox-password";
import { setMailboxSuspended } from "@/lib/server/mailbox/set-mailbox-suspended";
import { hashPassword } from "@/lib/server/password/hashing";
import { checkWebSession } from "@/lib/server/web-auth/check-web-session";
import { endWebSessions } from "@/lib/server/web-auth/end-web-sessions";
import type { SessionClaims } from "@/lib/server/web-auth/session-claims";
import { SESSION_ABSOLUTE_SECONDS } from "@/lib/server/web-auth/session-policy";
import {
  decodeSessionToken,
  encodeSessionToken,
  slideSessionToken,
} from "@/lib/server/web-auth/session-token";
import { signInWithCredentials } from "@/lib/server/web-auth/sign-in-credentials";

const actor = { type: "system" as const };
const PASSWORD = "Green teapot on Tuesday";
let seq = 0;

async function signedIn(): Promise<{ id: number; address: string; claims: SessionClaims }> {
  seq += 1;
  const m = await addMailbox({ address: `fay${seq}@session.test`, password: PASSWORD, actor });
  const claims = await signInWithCredentials({
    address: m.address.toUpperCase(),
    password: PASSWORD,
    ip: `192.0.2.${seq}`,
  });
  if (!claims) throw new Error("sign-in failed");
  return { id: m.id, address: m.address, claims };
}

describe("web sessions", () => {
  beforeAll(async () => {
    await addDomain({ name: "session.test", actor });
  });

  it("signs in with any casing of the address, and only through the login decision", async () => {
    const { id, address, claims } = await signedIn();
    expect(claims).toMatchObject({
      mailboxId: id,
      sessionVersion: 0,
      usingTemporaryPassword: false,
    });
    expect(
      await signInWithCredentials({ address, password: PASSWORD.toLowerCase(), ip: null }),
    ).toBeNull();
    expect(
      await signInWithCredentials({ address: "nobody@session.test", password: PASSWORD, ip: null }),
    ).toBeNull();
    expect(await signInWithCredentials({ address: 42, password: undefined, ip: null })).toBeNull();
    const attempts = await db().loginAttempt.findMany({
      where: { address },
      orderBy: { id: "asc" },
      select: { door: true, success: true, reason: true },
    });
    expect(attempts).toEqual([
      { door: "WEB", success: true, reason: null },
      { door: "WEB", success: false, reason: "wrong_password" },
    ]);
  });

  it("a live session passes the check with the customer's details", async () => {
    const { id, address, claims } = await signedIn();
    expect(await checkWebSession({ claims })).toEqual({
      ok: true,
      customer: { id, address, preferredProtocol: "IMAP" },
      usingTemporaryPassword: false,
    });
  });

  it("a password change ends every session that carries the old version", async () => {
    const { id, address, claims } = await signedIn();
    await setMailboxPassword({
      mailboxId: id,
      address,
      password: "Another fine passphrase",
      actor,
    });
    expect(await checkWebSession({ claims })).toEqual({ ok: false, reason: "version_changed" });
    expect(await checkWebSession({ claims: { ...claims, sessionVersion: 1 } })).toMatchObject({
      ok: true,
    });
  });

  it("suspension ends sessions, and a suspended mailbox fails the check even at its version", async () => {
    const { id, claims } = await signedIn();
    await setMailboxSuspended({ mailboxId: id, suspended: true, actor });
    expect(await checkWebSession({ claims })).toEqual({ ok: false, reason: "version_changed" });
    expect(await checkWebSession({ claims: { ...claims, sessionVersion: 1 } })).toEqual({
      ok: false,
      reason: "suspended",
    });
  });

  it("sign out (endWebSessions) makes a replayed token useless", async () => {
    const { id, claims } = await signedIn();
    const token = await encodeSessionToken(claims);
    await endWebSessions({ mailboxId: id });
    const replayed = await decodeSessionToken(token);
    expect(replayed).toEqual(claims); // the cookie itself still decrypts…
    expect(await checkWebSession({ claims: replayed! })).toMatchObject({ ok: false }); // …but is dead
  });

  it("refuses sessions past the absolute lifetime, unknown mailboxes and disabled domains", async () => {
    const { claims } = await signedIn();
    const later = claims.signedInAt + SESSION_ABSOLUTE_SECONDS;
    expect(await checkWebSession({ claims, now: later })).toEqual({ ok: false, reason: "expired" });
    expect(await checkWebSession({ claims, now: later - 1 })).toMatchObject({ ok: true });
    expect(await checkWebSession({ claims: { ...claims, mailboxId: 987_654 } })).toEqual({
      ok: false,
      reason: "unknown_mailbox",
    });
    await db().domain.update({ where: { name: "session.test" }, data: { active: false } });
    try {
      expect(await checkWebSession({ claims })).toEqual({ ok: false, reason: "domain_disabled" });
    } finally {
      await db().domain.update({ where: { name: "session.test" }, data: { active: true } });
    }
  });

  it("a temporary password signs in to a limited session", async () => {
    const { id, address } = await signedIn();
    await db().mailbox.update({
      where: { id },
      data: {
        tempPasswordHash: await hashPassword("Temp from support 77"),
        tempPasswordExpiresAt: new Date(Date.now() + 3600_000),
      },
    });
    const claims = await signInWithCredentials({
      address,
      password: "Temp from support 77",
      ip: null,
    });
    expect(claims).toMatchObject({ usingTemporaryPassword: true });
    expect(await checkWebSession({ claims: claims! })).toMatchObject({
      ok: true,
      usingTemporaryPassword: true,
    });
  });

  it("tokens: tampered ones are refused; sliding renews only within the absolute lifetime", async () => {
    const { claims } = await signedIn();
    const token = await encodeSessionToken(claims);
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await decodeSessionToken(tampered)).toBeNull();
    expect(await decodeSessionToken(undefined)).toBeNull();
    expect(await decodeSessionToken("not a token")).toBeNull();
    const slid = await slideSessionToken(token);
    expect(slid).not.toBeNull();
    expect(await decodeSessionToken(slid!)).toEqual(claims);
    expect(await slideSessionToken(token, claims.signedInAt + SESSION_ABSOLUTE_SECONDS)).toBeNull();
  });
});
