// Commits one message for all its recipients at once: a copy in the INBOX of every local
// mailbox and, for remote recipients, one row in the outbound queue. All or nothing, so the
// SMTP door can answer 250 for the whole transaction (RFC 5321 §6.1) or fail it without
// having delivered to some recipients and not others.
import { db } from "@/lib/server/db/client";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";

export type AcceptMessageOptions = {
  raw: Buffer;
  /** Envelope sender ("" for the null reverse-path). */
  envelopeFrom: string;
  localMailboxIds: number[];
  remoteRecipients: string[];
  /** The authenticated mailbox that submitted the message (bounces go to its INBOX). */
  senderMailboxId?: number | null;
};

export type AcceptedMessage = { deliveredTo: number[]; outboundId: bigint | null };

export async function acceptMessage(options: AcceptMessageOptions): Promise<AcceptedMessage> {
  // A fixed lock order (ascending mailbox id) keeps two messages to the same set of
  // mailboxes from deadlocking on each other's folder rows.
  const mailboxIds = [...new Set(options.localMailboxIds)].sort((a, b) => a - b);
  const remote = [...new Set(options.remoteRecipients)];
  return db().$transaction(
    async (tx) => {
      for (const mailboxId of mailboxIds) await deliverMessage({ mailboxId, raw: options.raw }, tx);
      let outboundId: bigint | null = null;
      if (remote.length > 0) {
        const row = await tx.outboundMessage.create({
          data: {
            mailboxId: options.senderMailboxId ?? null,
            envelopeFrom: options.envelopeFrom,
            recipients: remote,
            raw: new Uint8Array(options.raw),
          },
          select: { id: true },
        });
        outboundId = row.id;
      }
      return { deliveredTo: mailboxIds, outboundId };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
