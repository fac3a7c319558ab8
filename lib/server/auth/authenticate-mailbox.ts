// THE login decision. Web sign-in, SMTP AUTH, POP3 and IMAP all call this one function, so
// a password change or a suspension is true on every door at the same moment.
import type { LoginDoor } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/server/db/client";
import { normaliseAddress } from "@/lib/server/mailbox/address";
import { verifyAgainstDummy, verifyPassword } from "@/lib/server/password/hashing";
import { isLoopback } from "./login-policy";
import { countRecentFailures, defaultSleep, recordLoginAttempt } from "./login-throttle";

export type LoginFailureReason =
  | "wrong_password"
  | "unknown_user"
  | "suspended"
  | "domain_disabled"
  | "protocol_disabled"
  | "plaintext_without_tls"
  | "throttled"
  | "temporary_failure";

export type AuthenticatedMailbox = {
  id: number;
  address: string;
  sessionVersion: number;
  /** Signed in with a staff-issued temporary password: may only set a new password (web). */
  usingTemporaryPassword: boolean;
};

export type LoginDecision =
  | { ok: true; mailbox: AuthenticatedMailbox }
  | {
      ok: false;
      reason: LoginFailureReason;
      /** true: try again later (4xx / NO [UNAVAILABLE]) */ temporary: boolean;
    };

export type AuthenticateMailboxOptions = {
  door: LoginDoor;
  address: string;
  password: string;
  ip?: string | null;
  /** The credentials travelled over TLS (or HTTPS, for the web door). */
  secure: boolean;
  /** Web door only: accept a staff-issued temporary password. */
  allowTemporaryPassword?: boolean;
  /** Test hook: replaces the real sleep. */
  sleep?: (ms: number) => Promise<void>;
};

const PROTOCOL_FLAG = { SMTP: "smtpEnabled", POP3: "pop3Enabled", IMAP: "imapEnabled" } as const;

export async function authenticateMailbox(
  options: AuthenticateMailboxOptions,
): Promise<LoginDecision> {
  const address = normaliseAddress(options.address).slice(0, 320);
  const ip = options.ip ?? null;
  const sleep = options.sleep ?? defaultSleep;

  const record = (success: boolean, reason: string | null, mailboxId: number | null) =>
    recordLoginAttempt({ door: options.door, address, ip, success, reason, mailboxId });

  if (!options.secure && !isLoopback(ip)) {
    await record(false, "plaintext_without_tls", null);
    return { ok: false, reason: "plaintext_without_tls", temporary: false };
  }

  try {
    const [failures, mailbox] = await Promise.all([
      countRecentFailures({ address, ip }),
      db().mailbox.findUnique({
        where: { address },
        include: { domain: { select: { active: true } } },
      }),
    ]);

    const fail = async (
      reason: LoginFailureReason,
      mailboxId: number | null,
    ): Promise<LoginDecision> => {
      await record(false, reason, mailboxId);
      await sleep(failures.delayMs);
      return { ok: false, reason, temporary: false };
    };

    if (failures.throttled) {
      // Same work as a real check, so throttling does not reveal whether the address exists.
      await verifyAgainstDummy(options.password);
      return fail("throttled", mailbox?.id ?? null);
    }
    if (!mailbox) {
      await verifyAgainstDummy(options.password);
      return fail("unknown_user", null);
    }

    let usingTemporaryPassword = false;
    if (!(await verifyPassword(mailbox.passwordHash, options.password))) {
      // Never for mail clients, whatever the caller asks: only the portal sign-in takes it.
      const tempValid =
        options.door === "WEB" &&
        options.allowTemporaryPassword &&
        mailbox.tempPasswordHash &&
        mailbox.tempPasswordExpiresAt &&
        mailbox.tempPasswordExpiresAt > new Date() &&
        (await verifyPassword(mailbox.tempPasswordHash, options.password));
      if (!tempValid) return fail("wrong_password", mailbox.id);
      usingTemporaryPassword = true;
    }
    // Status is only disclosed (in the log) to someone who knew the password.
    if (mailbox.suspended) return fail("suspended", mailbox.id);
    if (!mailbox.domain.active) return fail("domain_disabled", mailbox.id);
    if (options.door !== "WEB" && options.door !== "ADMIN" && !mailbox[PROTOCOL_FLAG[options.door]])
      return fail("protocol_disabled", mailbox.id);

    await record(true, usingTemporaryPassword ? "temporary_password" : null, mailbox.id);
    return {
      ok: true,
      mailbox: {
        id: mailbox.id,
        address: mailbox.address,
        sessionVersion: mailbox.sessionVersion,
        usingTemporaryPassword,
      },
    };
  } catch (error) {
    console.error(
      `[auth] ${options.door} login for ${address} failed on the database:`,
      (error as Error).message,
    );
    return { ok: false, reason: "temporary_failure", temporary: true };
  }
}
