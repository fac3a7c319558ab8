// Takes due rows of the outbound queue for one relay attempt. FOR UPDATE SKIP LOCKED lets
// several mail backend instances claim at the same moment without waiting for or taking each
// other's rows; the claim pushes nextAttemptAt one lease ahead, so a row being sent is not
// due for anybody else, and a row whose sender died becomes due again when the lease ends.
import { db } from "@/lib/server/db/client";

export type ClaimedOutboundMessage = {
  id: bigint;
  mailboxId: number | null;
  envelopeFrom: string;
  recipients: string[];
  raw: Buffer;
  /** This attempt's number (1 for the first). */
  attempt: number;
};

export type ClaimOutboundMessagesOptions = { limit: number; leaseMs: number };

export async function claimOutboundMessages(
  options: ClaimOutboundMessagesOptions,
): Promise<ClaimedOutboundMessage[]> {
  const rows = await db().$queryRaw<
    Array<{
      id: bigint;
      mailboxId: number | null;
      envelopeFrom: string;
      recipients: string[];
      raw: Uint8Array;
      attempts: number;
    }>
  >`
    WITH due AS (
      SELECT id FROM "OutboundMessage"
      WHERE state = 'queued' AND "nextAttemptAt" <= now()
      ORDER BY "nextAttemptAt", id
      LIMIT ${options.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "OutboundMessage" AS o
    SET attempts = o.attempts + 1,
        "nextAttemptAt" = now() + ${options.leaseMs} * interval '1 millisecond'
    FROM due WHERE o.id = due.id
    RETURNING o.id, o."mailboxId", o."envelopeFrom", o.recipients, o.raw, o.attempts`;
  return rows.map((r) => ({
    id: r.id,
    mailboxId: r.mailboxId,
    envelopeFrom: r.envelopeFrom,
    recipients: r.recipients,
    raw: Buffer.from(r.raw),
    attempt: r.attempts,
  }));
}
