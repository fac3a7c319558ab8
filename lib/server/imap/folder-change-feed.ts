// One read of a folder's changes, shared by every IMAP session of this process that has the folder
// selected. A new message in a folder that 20 sessions idle on wakes all 20 with the same
// notification; each used to read the changes (and claim \Recent) on its own. Here the first
// session's read is reused by the others, and each still renders its own untagged responses
// (its own sequence numbers, EXPUNGE or VANISHED, MODSEQ or not) from the shared result.
//
// When may a read be reused? Notifications arrive after COMMIT, so a read that started after the
// latest notification for its folder sees every change notified so far. The feed counts
// notifications per folder (its "generation"); a read is reused only while no further
// notification for that folder has arrived since it started, and only for a few seconds. Reads
// are kept per (folder, fromModseq); a session further ahead may use a read from an older
// modseq, narrowed to what is new for it. Sessions not woken by a notification (a command's
// own after-read) ask for a fresh read, which later wake-ups may still reuse.
import { claimRecent } from "./claim-recent";
import type { FolderChangeListener } from "./folder-change-listener";
import { folderChangesSince, type FolderChanges } from "./folder-state";

export type FolderChangeFeedOptions = {
  /** The change read (tests count it). */
  read?: (folderId: number, fromModseq: bigint) => Promise<FolderChanges>;
  /** The \Recent claim (tests count it). */
  claim?: (folderId: number, upToUid: number) => Promise<number>;
  /** How long a read stays reusable at most. */
  memoMs?: number;
  /** Reads kept per folder (distinct fromModseqs). */
  entriesPerFolder?: number;
  /** A result with more rows than this is shared while in flight but not kept afterwards. */
  maxKeptRows?: number;
  /** Counters to fill (tests read them from outside the server). */
  stats?: FolderChangeFeedStats;
};

export type FolderChangeFeedStats = {
  /** Folder-change notifications for subscribed folders. */
  notifications: number;
  /** Change reads sent to the database. */
  reads: number;
  /** Requests answered by another session's read. */
  sharedReads: number;
  /** \Recent claims sent to the database. */
  claims: number;
  /** Claims answered without the database: this process already claimed that far. */
  claimsSkipped: number;
};

export function newFeedStats(): FolderChangeFeedStats {
  return { notifications: 0, reads: 0, sharedReads: 0, claims: 0, claimsSkipped: 0 };
}

type Entry = { from: bigint; startedAt: number; result: Promise<FolderChanges> };

type FolderFeed = {
  generation: number;
  listeners: Set<() => void>;
  unsubscribe: () => void;
  entries: Entry[];
  /** Every UID below this has been claimed by a session of this process (the floor only grows). */
  claimedUpTo: number;
  claiming: Promise<unknown> | null;
};

type ChangeSubscription = Pick<FolderChangeListener, "subscribe">;

export class FolderChangeFeed {
  readonly stats: FolderChangeFeedStats;
  private readonly folders = new Map<number, FolderFeed>();
  private readonly read: NonNullable<FolderChangeFeedOptions["read"]>;
  private readonly claim: NonNullable<FolderChangeFeedOptions["claim"]>;
  private readonly memoMs: number;
  private readonly entriesPerFolder: number;
  private readonly maxKeptRows: number;

  constructor(
    private readonly listener: ChangeSubscription,
    options: FolderChangeFeedOptions = {},
  ) {
    this.stats = options.stats ?? newFeedStats();
    this.read = options.read ?? folderChangesSince;
    this.claim = options.claim ?? claimRecent;
    this.memoMs = options.memoMs ?? 5_000;
    this.entriesPerFolder = options.entriesPerFolder ?? 8;
    this.maxKeptRows = options.maxKeptRows ?? 10_000;
  }

  /** Like the listener's subscribe; the feed notes each notification before waking anyone. */
  subscribe(folderId: number, onChange: () => void): () => void {
    let folder = this.folders.get(folderId);
    if (!folder) {
      const created: FolderFeed = {
        generation: 0,
        listeners: new Set(),
        unsubscribe: () => {},
        entries: [],
        claimedUpTo: 0,
        claiming: null,
      };
      created.unsubscribe = this.listener.subscribe(folderId, () => this.changed(created));
      this.folders.set(folderId, (folder = created));
    }
    const subscribed = folder;
    subscribed.listeners.add(onChange);
    return () => {
      subscribed.listeners.delete(onChange);
      if (subscribed.listeners.size > 0 || this.folders.get(folderId) !== subscribed) return;
      subscribed.unsubscribe();
      this.folders.delete(folderId);
    };
  }

  /** Folders with at least one subscriber, and the reads kept for them (memory check). */
  get size(): { folders: number; keptReads: number } {
    let keptReads = 0;
    for (const folder of this.folders.values()) keptReads += folder.entries.length;
    return { folders: this.folders.size, keptReads };
  }

  private changed(folder: FolderFeed): void {
    this.stats.notifications++;
    folder.generation++;
    folder.entries = []; // every kept read may miss what was just notified
    for (const wake of [...folder.listeners]) wake();
  }

  /**
   * The changes of a folder since `fromModseq`. shared: this request was prompted by a
   * notification (or a keep-alive), so a read that started after the folder's latest
   * notification answers it. Otherwise a fresh read, which later shared requests may reuse.
   */
  async changesSince(
    folderId: number,
    fromModseq: bigint,
    options: { shared: boolean },
  ): Promise<FolderChanges> {
    const folder = this.folders.get(folderId);
    if (options.shared && folder) {
      const now = Date.now();
      for (const entry of folder.entries) {
        if (entry.from > fromModseq || now - entry.startedAt > this.memoMs) continue;
        const changes = await entry.result.catch(() => null);
        // A session that read further on its own (its notification still on the way) needs more.
        if (!changes || (changes.highestModseq !== null && changes.highestModseq < fromModseq))
          break;
        this.stats.sharedReads++;
        return narrowed(changes, entry.from, fromModseq);
      }
    }
    this.stats.reads++;
    const result = this.read(folderId, fromModseq);
    if (folder) this.keep(folder, { from: fromModseq, startedAt: Date.now(), result });
    return result;
  }

  private keep(folder: FolderFeed, entry: Entry): void {
    const generation = folder.generation;
    folder.entries = [
      entry,
      ...folder.entries.filter((e) => e.from !== entry.from).slice(0, this.entriesPerFolder - 1),
    ];
    const forget = () => {
      if (folder.generation === generation)
        folder.entries = folder.entries.filter((e) => e !== entry);
    };
    entry.result.then((changes) => {
      const rows =
        changes.changed.length + changes.expunged.length + (changes.presentUids?.length ?? 0);
      if (rows > this.maxKeptRows) forget();
    }, forget);
  }

  /**
   * claimRecent for a session of this process: once one session here has claimed up to a UID,
   * every later claim up to it would find nothing left (the floor only grows), so none is sent.
   */
  async claimRecent(folderId: number, upToUid: number): Promise<number> {
    const folder = this.folders.get(folderId);
    if (!folder) {
      this.stats.claims++;
      return this.claim(folderId, upToUid);
    }
    while (folder.claiming) await folder.claiming.catch(() => {});
    if (upToUid <= folder.claimedUpTo) {
      this.stats.claimsSkipped++;
      return upToUid;
    }
    this.stats.claims++;
    const claiming = this.claim(folderId, upToUid);
    folder.claiming = claiming;
    try {
      const from = await claiming;
      folder.claimedUpTo = Math.max(folder.claimedUpTo, upToUid);
      return from;
    } finally {
      if (folder.claiming === claiming) folder.claiming = null;
    }
  }
}

/** A read since `readFrom` as the read since the later `wantedFrom` would have been. */
function narrowed(changes: FolderChanges, readFrom: bigint, wantedFrom: bigint): FolderChanges {
  if (readFrom === wantedFrom) return changes;
  return {
    ...changes,
    changed: changes.changed.filter((m) => m.modseq > wantedFrom),
    expunged: changes.expunged.filter((e) => e.modseq > wantedFrom),
  };
}
