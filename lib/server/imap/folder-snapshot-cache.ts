// Per-process cache of folder snapshots for SELECT/EXAMINE: the last UID/modseq/flags snapshot of
// each folder, keyed by the folder's highestModseq. SELECT reads the folder's row (one point
// lookup, which also gives the exact \Recent floor) and reuses the cached messages when the
// modseq matches; every change to a message bumps the folder's modseq, so a match is exact.
// Bounded by an estimate of the bytes it holds, least recently used out first.
import type { FolderSnapshot, MessageState } from "./folder-state";

type Entry = { highestModseq: bigint; messages: MessageState[]; bytes: number };

/** Rough heap cost of one message in a snapshot (object, bigint, UID, shared flag array). */
const BYTES_PER_MESSAGE = 96;
const BYTES_PER_FOLDER = 256;

export class FolderSnapshotCache {
  private readonly entries = new Map<number, Entry>();
  private bytes = 0;
  /** SELECTs answered from the cache (tests and benchmarks read it). */
  hits = 0;

  constructor(private readonly maxBytes: number) {}

  /** The messages of folderId at exactly highestModseq, if cached. */
  get(folderId: number, highestModseq: bigint): MessageState[] | null {
    const entry = this.entries.get(folderId);
    if (!entry || entry.highestModseq !== highestModseq) return null;
    // Most recently used goes last.
    this.entries.delete(folderId);
    this.entries.set(folderId, entry);
    this.hits++;
    return entry.messages;
  }

  /** Whatever version of folderId is cached (to bring forward by modseq). */
  latest(folderId: number): { highestModseq: bigint; messages: MessageState[] } | null {
    return this.entries.get(folderId) ?? null;
  }

  put(snapshot: FolderSnapshot): void {
    const folderId = snapshot.folder.id;
    this.forget(folderId);
    const bytes = BYTES_PER_FOLDER + snapshot.messages.length * BYTES_PER_MESSAGE;
    if (bytes > this.maxBytes) return;
    this.entries.set(folderId, {
      highestModseq: snapshot.highestModseq,
      messages: snapshot.messages,
      bytes,
    });
    this.bytes += bytes;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.forget(oldest);
    }
  }

  get size(): { folders: number; bytes: number } {
    return { folders: this.entries.size, bytes: this.bytes };
  }

  private forget(folderId: number): void {
    const entry = this.entries.get(folderId);
    if (!entry) return;
    this.entries.delete(folderId);
    this.bytes -= entry.bytes;
  }
}

export type SnapshotSummary = {
  /** Index (sequence number - 1) of the first message without \Seen; -1 when every one has it. */
  firstUnseen: number;
  /** Keywords (non-system flags) in use, for FLAGS / PERMANENTFLAGS. */
  keywords: string[];
};

// Snapshot message arrays are never modified once built, so what SELECT derives from one holds
// for as long as the array lives: each cached version is scanned once, not once per SELECT.
const summaries = new WeakMap<readonly MessageState[], SnapshotSummary>();

export function snapshotSummary(messages: readonly MessageState[]): SnapshotSummary {
  let summary = summaries.get(messages);
  if (summary) return summary;
  const keywords = new Set<string>();
  let firstUnseen = -1;
  // Messages share a few flag arrays: look at each distinct one once.
  const seen = new Set<readonly string[]>();
  for (let i = 0; i < messages.length; i++) {
    const flags = messages[i].flags;
    if (firstUnseen < 0 && !flags.includes("\\Seen")) firstUnseen = i;
    if (seen.has(flags)) continue;
    seen.add(flags);
    for (const f of flags) if (!f.startsWith("\\")) keywords.add(f);
  }
  summaries.set(messages, (summary = { firstUnseen, keywords: [...keywords] }));
  return summary;
}
