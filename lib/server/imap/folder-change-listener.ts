// One dedicated PostgreSQL connection per process LISTENing for folder changes and for mailbox
// access changes; IMAP sessions subscribe by folder id and by mailbox id. Reconnects after a lost
// connection.
//
// Besides waking sessions, the listener is what lets a command skip its live-check query: folder
// notifications from the MailFolder trigger carry the new highestModseq ("<id>:<modseq>"), and the
// Mailbox/Domain triggers announce every change that must end sessions. That knowledge is only
// complete while the LISTEN connection is up, so `epoch` says when it can be trusted: null while
// disconnected, reconnecting or polling; otherwise a number that changes at every (re)connect, so
// anything learnt under an older epoch is void.
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
import { FOLDER_CHANGE_CHANNEL, MAILBOX_CHANGE_CHANNEL } from "./notify-folder-change";

/** A folder's modseq is not known from notifications (renamed or deleted): ask the database. */
export const UNKNOWN_MODSEQ = -1n;

export type FolderChangeListener = {
  subscribe(folderId: number, onChange: () => void): () => void;
  /** Mailbox access changed (password, suspension, IMAP off, domain off, deleted); "d<id>" = domain. */
  subscribeMailbox(onChange: (target: MailboxChangeTarget) => void): () => void;
  /** "notify" when LISTEN/NOTIFY works across connections, "poll" otherwise. */
  readonly mode: "notify" | "poll";
  /** Non-null while every change is being heard; changes at every reconnect. */
  readonly epoch: number | null;
  /**
   * The highest modseq notified for a folder during the current epoch; undefined when none was
   * (the folder has not changed since the epoch began), UNKNOWN_MODSEQ when it must be asked.
   */
  notifiedModseq(folderId: number): bigint | undefined;
  close(): Promise<void>;
};

/** Whose access changed; "all" after a reconnect (anything may have changed meanwhile). */
export type MailboxChangeTarget = { mailboxId: number } | { domainId: number } | "all";

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
  const notified = new Map<number, bigint>();
  const mailboxWatchers = new Set<(target: MailboxChangeTarget) => void>();
  let epochCounter = 0;
  let trusted = false;
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
  // One commit can carry both the writer's "<id>" and the trigger's "<id>:<modseq>": one wake-up.
  const dueWakes = new Set<number>();
  const wakeSoon = (folderId: number) => {
    if (dueWakes.size === 0)
      setImmediate(() => {
        const ids = [...dueWakes];
        dueWakes.clear();
        for (const id of ids) wake(id);
      });
    dueWakes.add(folderId);
  };
  const noteModseq = (folderId: number, value: string) => {
    if (!/^\d+$/.test(value)) return notified.set(folderId, UNKNOWN_MODSEQ); // "gone"
    const modseq = BigInt(value);
    const known = notified.get(folderId);
    if (known !== UNKNOWN_MODSEQ && (known === undefined || modseq > known))
      notified.set(folderId, modseq);
  };
  const dispatch = (channel: string, payload: string | undefined) => {
    if (probe && payload === probe.payload) return probe.arrived();
    // Another process's probe, or nothing to go on.
    if (!payload || payload.startsWith("probe:")) return;
    if (channel === MAILBOX_CHANGE_CHANNEL) {
      const target: MailboxChangeTarget = payload.startsWith("d")
        ? { domainId: Number(payload.slice(1)) }
        : { mailboxId: Number(payload) };
      for (const fn of mailboxWatchers) fn(target);
      return;
    }
    const [id, modseq] = payload.split(":");
    const folderId = Number(id);
    if (!Number.isInteger(folderId)) return;
    if (modseq !== undefined) noteModseq(folderId, modseq);
    wakeSoon(folderId);
  };
  /** Whatever was learnt from notifications is void from here on. */
  const distrust = () => {
    trusted = false;
    notified.clear();
  };

  /**
   * Sends a notification from another connection and waits for it here. The clock starts once
   * the sender's statement has returned (the notification is on its way by then): opening the
   * pool's first connection on a loaded machine must not pass for "NOTIFY does not reach us".
   */
  const notifyReachesUs = async (c: pg.Client): Promise<boolean> => {
    const payload = `probe:${randomUUID()}`;
    let arrive = () => {};
    const arrivedEarly = new Promise<void>((resolve) => (arrive = resolve));
    probe = { payload, arrived: () => arrive() };
    await db().$executeRaw`SELECT pg_notify(${FOLDER_CHANGE_CHANNEL}, ${payload})`;
    let timer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([
      arrivedEarly.then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), options.probeTimeoutMs ?? 2000);
      }),
    ]);
    clearTimeout(timer);
    probe = null;
    if (!ok) await c.query(`UNLISTEN *`);
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
    c.on("notification", (n) => dispatch(n.channel, n.payload));
    c.on("error", (error) => {
      distrust();
      log(`imap: folder change listener lost its connection: ${(error as Error).message}`);
      scheduleReconnect(c);
    });
    try {
      await c.connect();
      if (mode === "notify")
        await c.query(`LISTEN ${FOLDER_CHANGE_CHANNEL}; LISTEN ${MAILBOX_CHANGE_CHANNEL}`);
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
      if (mode === "notify") {
        notified.clear();
        epochCounter++;
        trusted = true;
      }
      // Anything missed while disconnected: wake everyone once (mailbox watchers re-check).
      wakeAll();
      for (const fn of mailboxWatchers) fn("all");
    } catch (error) {
      log(`imap: folder change listener cannot connect: ${(error as Error).message}`);
      scheduleReconnect(c);
    }
  };
  const scheduleReconnect = (c: pg.Client) => {
    distrust();
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
    get epoch() {
      return trusted && mode === "notify" && client ? epochCounter : null;
    },
    notifiedModseq(folderId) {
      return notified.get(folderId);
    },
    subscribeMailbox(onChange) {
      mailboxWatchers.add(onChange);
      return () => void mailboxWatchers.delete(onChange);
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
      distrust();
      if (retry) clearTimeout(retry);
      if (poller) clearInterval(poller);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
