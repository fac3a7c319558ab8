// Tells "the database cannot be reached right now" (server down, restarting, connection lost,
// pool exhausted) from other failures, so the mail doors answer with a temporary failure
// (IMAP NO [UNAVAILABLE]) and clients retry instead of reporting a server bug.

// Prisma: P1001 can't reach, P1002 timed out, P1008 operation timed out, P1017 server closed
// the connection, P2024 no connection from the pool in time, P2028 transaction API error
// (its connection died). SQLSTATE classes 08 (connection exception), 53 (insufficient
// resources) and 57 (operator intervention: shutdown, "cannot connect now").
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028"]);
const SQLSTATE_CLASSES = /^(08|53|57)/;
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
]);
const NETWORK_MESSAGES =
  /ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|Can't reach database server|timeout exceeded when trying to connect/i;

type ErrorShape = {
  name?: string;
  code?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } };
  cause?: unknown;
};

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 3) return false;
  const e = error as ErrorShape;
  if (e.name === "PrismaClientInitializationError") return true;
  if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || SQLSTATE_CLASSES.test(e.code)))
    return true;
  const adapter = e.meta?.driverAdapterError?.cause;
  if (adapter?.kind && ADAPTER_KINDS.has(adapter.kind)) return true;
  if (adapter?.originalCode && SQLSTATE_CLASSES.test(adapter.originalCode)) return true;
  if (typeof e.message === "string" && NETWORK_MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}
