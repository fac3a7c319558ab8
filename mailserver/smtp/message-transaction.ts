// The mail transaction's domain calls for both doors: who a recipient is (inbound: hosted
// recipients only; submission: local or, with a relay, remote) and storing the message.
import { isAppError } from "@/lib/server/errors/app-error";
import { acceptMessage } from "@/lib/server/mail-delivery/accept-message";
import {
  resolveLocalRecipient,
  type RecipientResolution,
} from "@/lib/server/mail-delivery/resolve-local-recipient";
import { deliverToInboxes } from "@/lib/server/mail-store/delivery-batcher";
import { buildReceivedHeader } from "./received-header";
import type { SmtpSession } from "./session";
import { replies, SmtpReply } from "./smtp-reply";

export type AcceptedRecipient = Extract<RecipientResolution, { kind: "local" | "remote" }>;

/** Database and other unexpected errors become 451 4.3.0: the client keeps the message. */
export function replyFor(error: unknown, session: SmtpSession): SmtpReply {
  if (error instanceof SmtpReply) return error;
  session.logger.error(
    { event: "temporary_failure", err: (error as Error)?.message ?? String(error) },
    "temporary failure",
  );
  return replies.tempFailure();
}

export async function checkRecipient(
  session: SmtpSession,
  address: string,
): Promise<AcceptedRecipient> {
  const resolution = await resolveLocalRecipient({
    address,
    expectedSize: session.declaredSize,
  });
  switch (resolution.kind) {
    case "local":
      return resolution;
    case "unknown_user":
      throw replies.unknownUser(resolution.address);
    case "disabled":
      throw replies.disabledMailbox(resolution.address);
    case "over_quota":
      throw replies.mailboxFull(resolution.address);
    case "remote":
      if (session.door.mode === "inbound") throw replies.relayDenied(resolution.domain);
      if (!session.door.relayConfigured) throw replies.noRelayConfigured(resolution.domain);
      return resolution;
  }
}

/**
 * Stores the message for the transaction's recipients and resolves to the 250 reply. The body
 * chunks are joined once, behind the Received header: one copy.
 */
export async function deliverTransaction(session: SmtpSession, body: Buffer[]): Promise<string> {
  const recipients = session.recipients;
  const header = buildReceivedHeader({
    session,
    hostname: session.door.hostname,
    recipients: recipients.map((r) => r.address),
  });
  const raw = Buffer.concat([Buffer.from(header, "utf8"), ...body]);
  const local: number[] = [];
  const remote: string[] = [];
  for (const r of recipients) {
    if (r.kind === "local") local.push(r.mailboxId);
    else remote.push(r.address);
  }
  try {
    if (remote.length === 0) {
      // Local only: group-committed with other messages arriving at the same moment.
      await deliverToInboxes({ mailboxIds: local, raw });
    } else {
      const result = await acceptMessage({
        raw,
        envelopeFrom: session.mailFrom,
        localMailboxIds: local,
        remoteRecipients: remote,
        senderMailboxId: session.user?.id ?? null,
      });
      if (result.outboundId !== null) session.door.onQueued();
    }
  } catch (error) {
    if (isAppError(error) && error.code === "QUOTA_EXCEEDED") throw replies.mailboxFull();
    throw error;
  }
  session.logger.info(
    { event: "message_accepted", bytes: raw.length, local: local.length, queued: remote.length },
    "message accepted",
  );
  return `250 2.6.0 Ok: message accepted for ${recipients.length} recipient(s)\r\n`;
}
