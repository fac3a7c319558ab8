// MAIL FROM, RCPT TO and DATA for both doors: inbound (hosted recipients only, no AUTH) and
// submission (authenticated sender, local or relayed recipients).
import type {
  SMTPServerAddress,
  SMTPServerDataStream,
  SMTPServerOptions,
  SMTPServerSession,
} from "smtp-server";
import type { AuthenticatedMailbox } from "@/lib/server/auth/authenticate-mailbox";
import { isAppError } from "@/lib/server/errors/app-error";
import { acceptMessage } from "@/lib/server/mail-delivery/accept-message";
import {
  resolveLocalRecipient,
  type RecipientResolution,
} from "@/lib/server/mail-delivery/resolve-local-recipient";
import { deliverToInboxes } from "@/lib/server/mail-store/delivery-batcher";
import { normaliseAddress } from "@/lib/server/mailbox/address";
import { mayAuthenticate, type SmtpDoor } from "./door";
import { buildReceivedHeader } from "./received-header";
import { replies, SmtpReply } from "./smtp-reply";

/** Refused RCPTs a client may collect before it is disconnected (address harvesting). */
const MAX_REFUSED_RECIPIENTS = 20;

type Accepted = Extract<RecipientResolution, { kind: "local" | "remote" }>;
const accepted = new WeakMap<SMTPServerAddress, Accepted>();
const refusedCount = new WeakMap<SMTPServerSession, number>();

type Callback = (err?: Error | null, message?: string) => void;

/** Database and other unexpected errors become 451 4.3.0: the client keeps the message. */
function reply(error: unknown, door: SmtpDoor, session: SMTPServerSession): SmtpReply {
  if (error instanceof SmtpReply) return error;
  door
    .logFor(session)
    .error({ event: "temporary_failure", err: (error as Error).message }, "temporary failure");
  return replies.tempFailure();
}

function declaredSize(session: SMTPServerSession): number | undefined {
  const from = session.envelope.mailFrom;
  const size = from && from.args ? Number(from.args.SIZE) : NaN;
  return Number.isFinite(size) ? size : undefined;
}

export function transactionHandlers(
  door: SmtpDoor,
): Pick<SMTPServerOptions, "onMailFrom" | "onRcptTo" | "onData"> {
  return {
    onMailFrom(address, session, callback) {
      if (door.mode === "inbound") return callback();
      const user = session.user as AuthenticatedMailbox | undefined;
      if (!user)
        return callback(
          mayAuthenticate(door, session) ? replies.authRequired() : replies.startTlsFirst(),
        );
      if (normaliseAddress(address.address) !== user.address)
        return callback(replies.wrongSender(user.address));
      callback();
    },

    onRcptTo(address, session, callback) {
      checkRecipient(door, address, session).then(
        (resolution) => {
          accepted.set(address, resolution);
          callback();
        },
        (error) => {
          const answer = reply(error, door, session);
          const refused = (refusedCount.get(session) ?? 0) + 1;
          refusedCount.set(session, refused);
          if (refused > MAX_REFUSED_RECIPIENTS && answer.responseCode >= 500)
            return callback(new SmtpReply(421, "4.7.0", "Too many refused recipients, closing"));
          callback(answer);
        },
      );
    },

    onData(stream, session, callback: Callback) {
      // Shutdown waits for this message: the reply below is sent before it says 421.
      door.inFlight.begin(session.id);
      const answer: Callback = (error, message) => {
        callback(error, message);
        door.inFlight.end(session.id);
      };
      readMessage(stream, door.maxMessageSize)
        .then((body) => {
          if (!body) throw replies.messageTooBig(door.maxMessageSize);
          return deliver(door, session, body);
        })
        .then(
          (text) => answer(null, text),
          (error) => answer(reply(error, door, session)),
        );
    },
  };
}

async function checkRecipient(
  door: SmtpDoor,
  address: SMTPServerAddress,
  session: SMTPServerSession,
): Promise<Accepted> {
  const resolution = await resolveLocalRecipient({
    address: address.address,
    expectedSize: declaredSize(session),
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
      if (door.mode === "inbound") throw replies.relayDenied(resolution.domain);
      if (!door.relayConfigured) throw replies.noRelayConfigured(resolution.domain);
      return resolution;
  }
}

/**
 * Reads DATA to the end. Past the size limit the rest is read and thrown away (the client
 * is still sending it and must get its 552 after the final dot); null means "too big". The
 * chunks stay apart until deliver() joins them behind the Received header: one copy, not two.
 */
function readMessage(stream: SMTPServerDataStream, limit: number): Promise<Buffer[] | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    stream.once("error", reject);
    stream.once("end", () => resolve(size > limit || stream.sizeExceeded ? null : chunks));
  });
}

async function deliver(
  door: SmtpDoor,
  session: SMTPServerSession,
  body: Buffer[],
): Promise<string> {
  const recipients = session.envelope.rcptTo.flatMap((a) => {
    const r = accepted.get(a);
    return r ? [r] : [];
  });
  const header = buildReceivedHeader({
    session,
    hostname: door.hostname,
    recipients: recipients.map((r) => r.address),
  });
  const raw = Buffer.concat([Buffer.from(header, "utf8"), ...body]);
  const user = session.user as AuthenticatedMailbox | undefined;
  const local = recipients.flatMap((r) => (r.kind === "local" ? [r.mailboxId] : []));
  const remote = recipients.flatMap((r) => (r.kind === "remote" ? [r.address] : []));
  try {
    if (remote.length === 0) {
      // Local only: group-committed with other messages arriving at the same moment.
      await deliverToInboxes({ mailboxIds: local, raw });
    } else {
      const result = await acceptMessage({
        raw,
        envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        localMailboxIds: local,
        remoteRecipients: remote,
        senderMailboxId: user?.id ?? null,
      });
      if (result.outboundId !== null) door.onQueued();
    }
    door.logFor(session).info(
      {
        event: "message_accepted",
        bytes: raw.length,
        local: local.length,
        queued: remote.length,
      },
      "message accepted",
    );
    return `Ok: message accepted for ${recipients.length} recipient(s)`;
  } catch (error) {
    if (isAppError(error) && error.code === "QUOTA_EXCEEDED") throw replies.mailboxFull();
    throw error;
  }
}
