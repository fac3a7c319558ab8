// One dedicated PostgreSQL connection per process LISTENing for folder changes; IMAP sessions
// subscribe by folder id. Reconnects after a lost connection.
import pg from "pg";
import { loadEnv } from "@/lib/env";
import { FOLDER_CHANGE_CHANNEL } from "./notify-folder-change";

export type FolderChangeListener = {
  subscribe(folderId: number, onChange: () => void): () => void;
  close(): Promise<void>;
};

export async function startFolderChangeListener(
  log: (message: string) => void = () => {},
): Promise<FolderChangeListener> {
  const url = process.env.DATABASE_URL ?? loadEnv().DATABASE_URL;
  const subscribers = new Map<number, Set<() => void>>();
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const dispatch = (payload: string | undefined) => {
    const folderId = Number(payload);
    for (const fn of subscribers.get(folderId) ?? []) fn();
  };
  const connect = async () => {
    if (closed || !url) return;
    const c = new pg.Client({ connectionString: url });
    c.on("notification", (n) => dispatch(n.payload));
    c.on("error", (error) => {
      log(`imap: folder change listener lost its connection: ${error.message}`);
      scheduleReconnect(c);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${FOLDER_CHANGE_CHANNEL}`);
      client = c;
      // Anything missed while disconnected: wake everyone once.
      for (const set of subscribers.values()) for (const fn of set) fn();
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
    subscribe(folderId, onChange) {
      let set = subscribers.get(folderId);
      if (!set) subscribers.set(folderId, (set = new Set()));
      set.add(onChange);
      return () => {
        set.delete(onChange);
        if (set.size === 0) subscribers.delete(folderId);
      };
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
