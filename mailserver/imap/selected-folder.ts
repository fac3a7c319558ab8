// One session's view of its selected folder: the seq ↔ UID map and known flags. Changes made by
// anyone (this session included) are found through the folder's modseq and announced as untagged
// EXPUNGE / EXISTS / FETCH responses at the points RFC 3501 §7 allows.
import type { FolderChangeFeed } from "@/lib/server/imap/folder-change-feed";
import type { FolderChanges, FolderSnapshot, MessageState } from "@/lib/server/imap/folder-state";
import { sameFlags } from "@/lib/server/imap/flags";
import { ParseError } from "./tokens";
import { compressSet, parseSequenceSet, uidsInRanges } from "./sequence-set";

export type Untagged = string[];

export class SelectedFolder {
  /** UIDs in sequence order: seq n is uids[n - 1]. */
  readonly uids: number[];
  /**
   * The snapshot the view started from, ascending by UID. Shared with the process's snapshot
   * cache and other sessions, so never modified: what changed since lives in `updated`, which
   * makes a SELECT cost one UID array instead of a map entry per message.
   */
  private readonly base: readonly MessageState[];
  /** Messages that changed (or arrived) since the snapshot, by UID. */
  private readonly updated = new Map<number, MessageState>();
  /** Each known message's modseq (SEARCH MODSEQ reads it). */
  readonly modseqs = { get: (uid: number): bigint | undefined => this.state(uid)?.modseq };
  /** UIDs that are \Recent in this session (claimed by it, see claimRecent). */
  readonly recent = new Set<number>();
  /** SEARCHRES (RFC 5182): UIDs of the last SEARCH RETURN (SAVE), named "$" in sequence sets. */
  savedResult: number[] = [];
  private knownModseq: bigint;
  private pendingExpunges = new Set<number>();
  uidNext: number;
  /** The folder-change listener's epoch when this view was last read from the database. */
  epoch: number | null = null;

  constructor(
    readonly folderId: number,
    readonly name: string,
    readonly readOnly: boolean,
    readonly uidValidity: number,
    snapshot: FolderSnapshot,
  ) {
    this.base = snapshot.messages;
    const uids: number[] = new Array(this.base.length);
    for (let i = 0; i < uids.length; i++) uids[i] = this.base[i].uid;
    this.uids = uids;
    this.knownModseq = snapshot.highestModseq;
    this.uidNext = snapshot.uidNext;
  }

  /** A message this view holds (announced or still to be expunged). */
  private knows(uid: number): boolean {
    return this.seqOf(uid) > 0;
  }

  /** The flags and modseq this view holds for a message it knows. */
  private state(uid: number): MessageState | undefined {
    if (!this.knows(uid)) return undefined;
    const own = this.updated.get(uid);
    if (own) return own;
    const base = this.base;
    let lo = 0;
    let hi = base.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = base[mid].uid;
      if (at === uid) return base[mid];
      if (at < uid) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  get exists(): number {
    return this.uids.length;
  }

  /** Expunges seen during FETCH/STORE/SEARCH, still to be announced. */
  get hasPendingExpunges(): boolean {
    return this.pendingExpunges.size > 0;
  }

  get highestModseq(): bigint {
    return this.knownModseq;
  }

  seqOf(uid: number): number {
    let lo = 0;
    let hi = this.uids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.uids[mid] === uid) return mid + 1;
      if (this.uids[mid] < uid) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** Resolves a sequence set (or UID set) to the UIDs it names, ascending. */
  resolve(set: string, byUid: boolean): number[] {
    if (set === "$") return this.savedResult.filter((uid) => this.seqOf(uid) > 0);
    if (byUid) {
      const star = this.uids.length ? this.uids[this.uids.length - 1] : 0;
      // "n:*" with n above every UID still names the last message (RFC 3501 §6.4.8).
      const ranges = parseSequenceSet(set, Math.max(star, 1));
      return uidsInRanges(ranges, this.uids);
    }
    if (this.uids.length === 0) throw new ParseError("No messages in this folder");
    const ranges = parseSequenceSet(set, this.uids.length);
    const uids: number[] = [];
    for (const [lo, hi] of ranges) {
      if (hi > this.uids.length) throw new ParseError("Invalid sequence number");
      for (let seq = lo; seq <= hi; seq++) uids.push(this.uids[seq - 1]);
    }
    return [...new Set(uids)].sort((a, b) => a - b);
  }

  /** A message's FLAGS as this session shows them: the stored flags plus \Recent. */
  flagList(uid: number, flags: readonly string[] = this.state(uid)?.flags ?? []): string {
    return `(${(this.recent.has(uid) ? [...flags, "\\Recent"] : flags).join(" ")})`;
  }

  /** Local bookkeeping after this session changed flags itself. */
  noteFlags(uid: number, flags: string[], modseq: bigint): void {
    if (this.knows(uid)) this.updated.set(uid, { uid, flags, modseq });
  }

  /**
   * After this session's own change brought the folder to `folderModseq`: when that is exactly one
   * step past what we knew, the change was ours alone (already noted), so nothing needs re-reading.
   */
  noteOwnChange(folderModseq: bigint | null): void {
    if (folderModseq === null || folderModseq !== this.knownModseq + 1n) return;
    this.knownModseq = folderModseq;
    this.ownChangeAbsorbed = true;
  }

  /**
   * True while the current command's own change has been absorbed by noteOwnChange, or the
   * command brought the view up to date itself (STORE reading the changes in its statement):
   * the after-command re-read can be skipped. The session clears it before every command.
   */
  ownChangeAbsorbed = false;

  /**
   * Reads what changed since the last look and returns the untagged responses to send.
   * allowExpunge is false during FETCH/STORE/SEARCH (RFC 3501 §7.4.1): expunges wait.
   * vanished (QRESYNC enabled): expunges are announced as one "* VANISHED uids" (RFC 7162 §3.2.10).
   * shared (a notification or keep-alive woke us): the read may be one that other sessions of
   * this process share (lib/server/imap/folder-change-feed.ts).
   * null: the folder was deleted under us.
   */
  async sync(options: {
    allowExpunge: boolean;
    withModseq: boolean;
    vanished?: boolean;
    feed: FolderChangeFeed;
    shared?: boolean;
    /** Changes since highestModseq the caller has already read (STORE reads them itself). */
    changes?: FolderChanges;
  }): Promise<Untagged | null> {
    const feed = options.feed;
    const changes =
      options.changes ??
      (await feed.changesSince(this.folderId, this.knownModseq, {
        shared: options.shared ?? false,
      }));
    if (changes.highestModseq === null) return null;
    const out: string[] = [];
    const expunged = new Set(changes.expunged.map((e) => e.uid));
    if (changes.presentUids) {
      // Tombstones pruned past what we know: whatever we hold that is gone was expunged.
      const present = new Set(changes.presentUids);
      for (const uid of this.uids) if (!present.has(uid)) expunged.add(uid);
    }
    // A read-write session claims what arrived while it had the folder selected, unless another
    // session got there first; EXAMINE never claims. The claim comes before the view changes:
    // should it fail, the view is as it was and the next update announces the messages, instead
    // of holding UIDs whose EXISTS never went out (and that every later read takes as known).
    const arriving = changes.changed.some((m) => !this.knows(m.uid) && !expunged.has(m.uid));
    const claimedFrom =
      arriving && !this.readOnly
        ? await feed.claimRecent(this.folderId, changes.uidNext)
        : Number.POSITIVE_INFINITY;
    for (const uid of expunged) if (this.knows(uid)) this.pendingExpunges.add(uid);
    if (options.allowExpunge && this.pendingExpunges.size > 0) {
      const gone: number[] = [];
      for (const uid of [...this.pendingExpunges].sort((a, b) => a - b)) {
        const seq = this.seqOf(uid);
        if (!seq) continue;
        this.uids.splice(seq - 1, 1);
        this.updated.delete(uid);
        this.recent.delete(uid);
        gone.push(uid);
        if (!options.vanished) out.push(`* ${seq} EXPUNGE`);
      }
      if (options.vanished && gone.length > 0) out.push(`* VANISHED ${compressSet(gone)}`);
      this.pendingExpunges.clear();
    }
    const added: number[] = [];
    const flagUpdates: number[] = [];
    for (const m of changes.changed) {
      const known = this.state(m.uid);
      if (known === undefined) {
        if (expunged.has(m.uid)) continue;
        this.insert(m.uid);
        this.updated.set(m.uid, m);
        added.push(m.uid);
        continue;
      }
      this.updated.set(m.uid, m);
      if (!sameFlags(known.flags, m.flags)) flagUpdates.push(m.uid);
    }
    for (const uid of added) if (uid >= claimedFrom) this.recent.add(uid);
    if (added.length > 0 || out.length > 0) out.push(`* ${this.uids.length} EXISTS`);
    if (added.length > 0) out.push(`* ${this.recent.size} RECENT`);
    for (const uid of flagUpdates) {
      const seq = this.seqOf(uid);
      if (!seq) continue;
      const state = this.updated.get(uid)!;
      const modseq = options.withModseq ? ` MODSEQ (${state.modseq})` : "";
      out.push(`* ${seq} FETCH (UID ${uid} FLAGS ${this.flagList(uid, state.flags)}${modseq})`);
    }
    if (changes.highestModseq > this.knownModseq) this.knownModseq = changes.highestModseq;
    this.uidNext = Math.max(this.uidNext, changes.uidNext);
    return out;
  }

  private insert(uid: number): void {
    const last = this.uids[this.uids.length - 1];
    if (last === undefined || uid > last) {
      this.uids.push(uid);
      return;
    }
    const at = this.uids.findIndex((u) => u > uid);
    this.uids.splice(at, 0, uid);
  }
}
