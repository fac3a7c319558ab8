// The live access check of an open IMAP or POP3 session: may a session of this door, logged in
// with this sessionVersion, go on? A password change or suspension (both bump sessionVersion),
// the door switched off, the domain disabled or the mailbox deleted end it. Both doors ask this
// one function (IMAP when its NOTIFY cache cannot vouch, POP3 before every command), as one
// statement straight on the pg pool: it runs per command, so Prisma's overhead is not paid.
import { copyBinaryRows, sqlInt } from "@/lib/server/db/copy-binary-rows";
import { preparedQuery } from "@/lib/server/db/prepared-query";

export type MailDoor = "IMAP" | "POP3";

/** Why no session of the door may go on, whatever its sessionVersion. */
export type AccessClosedReason =
  "mailbox_gone" | "suspended" | "protocol_disabled" | "domain_disabled";

/** Why this session may not go on. */
export type AccessRefusal = AccessClosedReason | "session_revoked";

export type MailboxAccess = {
  /** null: the mailbox is gone. */
  domainId: number | null;
  /** The mailbox's current sessionVersion (-1 when it is gone). */
  sessionVersion: number;
  /** null: sessions of the door with the current sessionVersion may go on. */
  closedBecause: AccessClosedReason | null;
};

/** Why a session logged in with `sessionVersion` may not go on; null when it may. */
export function accessRefusal(access: MailboxAccess, sessionVersion: number): AccessRefusal | null {
  if (access.closedBecause) return access.closedBecause;
  return access.sessionVersion === sessionVersion ? null : "session_revoked";
}

export type MailboxAccessCheck = {
  access: MailboxAccess;
  /** The asked folder's highest modseq; null if none was asked for or it is not this mailbox's. */
  folderModseq: bigint | null;
};

/** A slice of a stored message of `folderId`, read by the same statement as the check. */
export type MessageSliceRequest = {
  uid: number;
  /** 0-based. */
  offset: number;
  length: number;
};

export type MailboxAccessWithSlice = MailboxAccessCheck & {
  refusal: AccessRefusal | null;
  /** The slice; null when access is refused (nothing read) or the message is gone. */
  bytes: Buffer | null;
};

const DOOR_COLUMN: Record<MailDoor, string> = { IMAP: `"imapEnabled"`, POP3: `"pop3Enabled"` };

const GONE: MailboxAccess = { domainId: null, sessionVersion: -1, closedBecause: "mailbox_gone" };

/**
 * The check as one SELECT for either statement form: ids as SQL text ($n or inlined integers),
 * the folder's modseq as `modseq` (an expression over f."highestModseq"), `extra` columns after.
 */
function accessStatement(o: {
  door: MailDoor;
  mailboxId: string;
  folderId: string;
  modseq: string;
  extra?: string;
}): string {
  // The reason is worked out here (c.closed), so the answer is four columns however many rules
  // there are, and the slice form can read its bytes only when there is none.
  return `SELECT m."domainId", m."sessionVersion", c.closed AS "closedBecause",
          ${o.modseq} AS "folderModseq"${o.extra ? `, ${o.extra}` : ""}
     FROM "Mailbox" m
     JOIN "Domain" d ON d.id = m."domainId"
     CROSS JOIN LATERAL (
       SELECT CASE WHEN m.suspended THEN 'suspended'
                   WHEN NOT m.${DOOR_COLUMN[o.door]} THEN 'protocol_disabled'
                   WHEN NOT d.active THEN 'domain_disabled' END AS closed) c
     LEFT JOIN "MailFolder" f ON f.id = ${o.folderId} AND f."mailboxId" = m.id
     WHERE m.id = ${o.mailboxId}`;
}

/**
 * The mailbox's access for `door`, and `folderId`'s highest modseq when asked (IMAP reads its
 * selected folder's in the same round trip). A named statement (preparedQuery): prepared once
 * per pool connection, so each check costs no parse or plan; unnamed on PGlite.
 */
export async function checkMailboxAccess(options: {
  mailboxId: number;
  door: MailDoor;
  folderId?: number | null;
}): Promise<MailboxAccessCheck>;
/**
 * The same check for a session logged in with `sessionVersion`, and, only if it may go on, a
 * slice of one of `folderId`'s messages: one round trip where the bytes must be read anyway
 * (POP3 RETR/TOP of a message not read ahead). A COPY (the bytes arrive raw), integers inlined.
 */
export async function checkMailboxAccess(options: {
  mailboxId: number;
  door: MailDoor;
  folderId: number;
  sessionVersion: number;
  slice: MessageSliceRequest;
}): Promise<MailboxAccessWithSlice>;
export async function checkMailboxAccess(options: {
  mailboxId: number;
  door: MailDoor;
  folderId?: number | null;
  sessionVersion?: number;
  slice?: MessageSliceRequest;
}): Promise<MailboxAccessCheck | MailboxAccessWithSlice> {
  const { slice, sessionVersion, folderId } = options;
  if (slice && sessionVersion !== undefined && folderId != null)
    return checkWithSlice({ ...options, folderId, sessionVersion, slice });
  const { rows } = await preparedQuery<{
    domainId: number;
    sessionVersion: number;
    closedBecause: AccessClosedReason | null;
    folderModseq: string | null;
  }>(
    `mailbox-access-${options.door}`,
    accessStatement({
      door: options.door,
      mailboxId: "$1::int",
      folderId: "$2::int",
      modseq: `f."highestModseq"::text`,
    }),
    [options.mailboxId, options.folderId ?? null],
  );
  const row = rows[0];
  if (!row) return { access: GONE, folderModseq: null };
  return {
    access: {
      domainId: row.domainId,
      sessionVersion: row.sessionVersion,
      closedBecause: row.closedBecause,
    },
    folderModseq: row.folderModseq === null ? null : BigInt(row.folderModseq),
  };
}

async function checkWithSlice(options: {
  mailboxId: number;
  door: MailDoor;
  folderId: number;
  sessionVersion: number;
  slice: MessageSliceRequest;
}): Promise<MailboxAccessWithSlice> {
  const { slice } = options;
  const rows = await copyBinaryRows(
    accessStatement({
      door: options.door,
      mailboxId: sqlInt(options.mailboxId),
      folderId: sqlInt(options.folderId),
      modseq: `f."highestModseq"`,
      // The bytes only if the session may go on: a refused session reads nothing.
      extra: `CASE WHEN c.closed IS NULL AND m."sessionVersion" = ${sqlInt(options.sessionVersion)} THEN (
                SELECT substring(msg.raw FROM ${sqlInt(slice.offset + 1)} FOR ${sqlInt(slice.length)})
                FROM "Message" msg WHERE msg."folderId" = f.id AND msg.uid = ${sqlInt(slice.uid)})
              END`,
    }),
    ["int4", "int4", "text", "int8", "bytea"] as const,
  );
  const row = rows[0];
  if (!row) return { access: GONE, folderModseq: null, refusal: "mailbox_gone", bytes: null };
  const [domainId, sessionVersion, closed, folderModseq, bytes] = row;
  const access: MailboxAccess = {
    domainId: domainId!,
    sessionVersion: sessionVersion!,
    closedBecause: closed as AccessClosedReason | null,
  };
  const refusal = accessRefusal(access, options.sessionVersion);
  return { access, folderModseq, refusal, bytes: refusal ? null : bytes };
}
