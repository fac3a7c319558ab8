import type net from "node:net";
import type { Env } from "@/lib/env";
import { MAILDROP_LEASE_MS, MAILDROP_RENEW_MS } from "@/lib/server/pop3/maildrop-lock";
import { MESSAGE_SLICE_BYTES } from "@/lib/server/mail-store/read-message-bytes";

export type Pop3Limits = {
  /** Longest command line in octets (RFC 2449 asks clients for 255; AUTH PLAIN runs longer). */
  maxLineLength: number;
  /** Over-long lines tolerated before the connection is closed. */
  maxLongLines: number;
  /** Unknown, malformed or out-of-state commands tolerated before the connection is closed. */
  maxBadCommands: number;
  /** Failed logins on one connection before it is closed (the login decision also throttles). */
  maxAuthFailures: number;
  /** RFC 1939 §3: an autologout timer MUST be at least 10 minutes; tests shorten it. */
  idleTimeoutMs: number;
  tlsHandshakeTimeoutMs: number;
  /** Connections per listener; more get -ERR [SYS/TEMP] and are closed. */
  maxClients: number;
  /** Pipelined lines queued before the socket stops being read. */
  maxQueuedLines: number;
  /** Octets handed to the socket per write while sending a message. */
  writeChunkBytes: number;
  /** Octets read from the database per query while sending a message. */
  messageSliceBytes: number;
  /**
   * Octets of the next messages' first slices read ahead per session (at least one message's,
   * so up to one slice more); clients retrieve messages in order.
   */
  readAheadBytes: number;
  lockLeaseMs: number;
  lockRenewMs: number;
  /** How long close() waits for sessions to finish before cutting them off. */
  shutdownGraceMs: number;
};

export type Pop3Options = Partial<Pop3Limits> & {
  /**
   * The client's address as the login decision sees it (loopback may log in without TLS).
   * Defaults to the socket's peer; a front proxy or a test supplies another.
   */
  peerAddress?: (socket: net.Socket) => string | undefined;
};

export function pop3Limits(env: Env, options: Pop3Options = {}): Pop3Limits {
  return {
    maxLineLength: 4096,
    maxLongLines: 3,
    maxBadCommands: 10,
    maxAuthFailures: 3,
    idleTimeoutMs: 10 * 60_000,
    tlsHandshakeTimeoutMs: 30_000,
    maxClients: env.MAX_CLIENTS_PER_LISTENER,
    maxQueuedLines: 100,
    writeChunkBytes: 64 * 1024,
    messageSliceBytes: MESSAGE_SLICE_BYTES,
    readAheadBytes: 1024 * 1024,
    lockLeaseMs: MAILDROP_LEASE_MS,
    lockRenewMs: MAILDROP_RENEW_MS,
    shutdownGraceMs: 10_000,
    ...Object.fromEntries(
      Object.entries(options).filter(([k, v]) => k !== "peerAddress" && v !== undefined),
    ),
  };
}
