// One dedicated PostgreSQL connection per process LISTENing for folder changes; IMAP sessions
// subscribe by folder id. Reconnects after a lost connection.
//
// Not every server delivers NOTIFY to other connections: the embedded PGlite behind
// pglite-socket runs every connection on one backend, so a notification goes back to whichever
// connection sent it. The listener therefore sends itself a probe notification through another
// connection at start; when the probe does not arrive it switches to polling: one cheap query
// for the modseqs of the folders someone is waiting on, every pollMs.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { loadEnv } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { FOLDER_CHANGE_CHANNEL } from "./notify-folder-change";

export type FolderChangeListener = {
  subscribe(folderId: number, onChange: () => void): () => void;
  /** "notify" when LISTEN/NOTIFY works across connections, "poll" otherwise. */
  readonly mode: "notify" | "poll";
  close(): Promise<void>;
};

export type FolderChangeListenerOptions = {
  /** Problems (lost connection, failed poll). */
  log?: (message: string) => void;
  /** Facts worth knowing once (switched to polling). */
  info?: (message: string) => void;
  /** How long to wait for the start-up probe notification. */
  probeTimeoutMs?: number;
  /** Polling interval when NOTIFY does not reach us. */
  pollMs?: number;
};

export async function startFolderChangeListener(
  options: FolderChangeListenerOptions = {},
): Promise<FolderChangeListener> {
  const log = options.log ?? (() => {});
  const info = options.info ?? log;
  const url = process.env.DATABASE_URL ?? loadEnv().DATABASE_URL;
  const subscribers = new Map<number, Set<() => void>>();
  const lastModseq = new Map<number, bigint>();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let mode: "notify" | "poll" = "notify";
  let poller: NodeJS.Timeout | null = null;
  let probe: { payload: string; arrived: () => void } | null = null;
  let probed = false;

  const wake = (folderId: number) => {
    for (const fn of subscribers.get(folderId) ?? []) fn();
  };
  const wakeAll = () => {
    for (const set of subscribers.values()) for (const fn of set) fn();
  };
  const dispatch = (payload: string | undefined) => {
    if (probe && payload === probe.payload) return probe.arrived();
    wake(Number(payload));
  };

  /** Sends a notification from another connection and waits for it here. */
  const notifyReachesUs = async (c: pg.Client): Promise<boolean> => {
    const payload = `probe:${randomUUID()}`;
    const arrived = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), options.probeTimeoutMs ?? 1000);
      probe = {
        payload,
        arrived: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
    });
    await db().$executeRaw`SELECT pg_notify(${FOLDER_CHANGE_CHANNEL}, ${payload})`;
    const ok = await arrived;
    probe = null;
    if (!ok) await c.query(`UNLISTEN ${FOLDER_CHANGE_CHANNEL}`);
    return ok;
  };

  const poll = async () => {
    const c = client;
    if (!c || subscribers.size === 0) return;
    const ids = [...subscribers.keys()];
    const { rows } = await c.query<{ id: number; highestModseq: string }>(
      `SELECT id, "highestModseq"::text AS "highestModseq" FROM "MailFolder" WHERE id = ANY($1::int[])`,
      [ids],
    );
    const current = new Map(rows.map((r) => [r.id, BigInt(r.highestModseq)]));
    for (const id of ids) {
      const now = current.get(id);
      // A deleted folder wakes its sessions too (they end with BYE).
      if (now === undefined || now !== lastModseq.get(id)) wake(id);
      if (now !== undefined) lastModseq.set(id, now);
    }
  };
  const startPolling = () => {
    if (poller) return;
    poller = setInterval(
      () =>
        void poll().catch((error) =>
          log(`imap: folder change poll failed: ${(error as Error).message}`),
        ),
      options.pollMs ?? 500,
    );
    poller.unref();
  };

  const connect = async () => {
    if (closed || !url) return;
    const c = new pg.Client({ connectionString: url });
    c.on("notification", (n) => dispatch(n.payload));
    c.on("error", (error) => {
      log(`imap: folder change listener lost its connection: ${(error as Error).message}`);
      scheduleReconnect(c);
    });
    try {
      await c.connect();
      if (mode === "notify") await c.query(`LISTEN ${FOLDER_CHANGE_CHANNEL}`);
      client = c;
      if (mode === "notify" && !probed) {
        const reaches = await notifyReachesUs(c); // a failure here reconnects and probes again
        probed = true;
        if (!reaches) {
          mode = "poll";
          info("imap: NOTIFY does not reach other connections here; polling for folder changes");
          startPolling();
        }
      }
      // Anything missed while disconnected: wake everyone once.
      wakeAll();
    } catch (error) {
      log(`imap: folder change listener cannot connect: ${(error as Error).message}`);
      scheduleReconnect(c);
    }
  };
  const scheduleReconnect = (c: pg.Client) => {
    c.end().catch(() => {});
    if (client === c) client = null;
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, 1000);
  };
  await connect();

  return {
    get mode() {
      return mode;
    },
    subscribe(folderId, onChange) {
      let set = subscribers.get(folderId);
      if (!set) subscribers.set(folderId, (set = new Set()));
      set.add(onChange);
      return () => {
        set.delete(onChange);
        if (set.size > 0) return;
        subscribers.delete(folderId);
        lastModseq.delete(folderId);
      };
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (poller) clearInterval(poller);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
