// The per-command live check of IMAP sessions without a query per command. The process's LISTEN
// connection hears every change that must end sessions (database triggers on Mailbox and Domain)
// and every folder modseq change (trigger on MailFolder), so while it is up the answer comes from
// memory: a mailbox's access is read once and kept until a notification says it changed.
// While the listener is disconnected, reconnecting or polling (PGlite), every check asks the
// database, exactly as before; after a reconnect everything cached is dropped.
import {
  UNKNOWN_MODSEQ,
  type FolderChangeListener,
  type MailboxChangeTarget,
} from "./folder-change-listener";
import {
  accessRefusal,
  checkMailboxAccess,
  type MailboxAccess,
} from "@/lib/server/auth/check-mailbox-access";

export type LiveCheck = { valid: boolean; folderChanged: boolean };

export type LiveCheckRequest = {
  mailboxId: number;
  sessionVersion: number;
  /** The selected folder, what the session knows of it, and the listener epoch it was read in. */
  folder?: { id: number; knownModseq: bigint; epoch: number | null } | null;
};

type CachedAccess = MailboxAccess & { epoch: number };

export class LiveSessionChecks {
  private readonly access = new Map<number, CachedAccess>();
  private readonly watchers = new Map<number, Set<() => void>>();
  /** Bumped by every access notification: a read that overlapped one is not cached. */
  private generation = 0;
  /** Database round trips made by checks (tests count them). */
  queries = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly listener: FolderChangeListener) {
    this.unsubscribe = listener.subscribeMailbox((target) => this.invalidate(target));
  }

  /** onChange runs when the mailbox's access may have changed (the session re-checks). */
  watch(mailboxId: number, onChange: () => void): () => void {
    let set = this.watchers.get(mailboxId);
    if (!set) this.watchers.set(mailboxId, (set = new Set()));
    set.add(onChange);
    return () => {
      set.delete(onChange);
      if (set.size === 0) this.watchers.delete(mailboxId);
    };
  }

  async check(request: LiveCheckRequest): Promise<LiveCheck> {
    const epoch = this.listener.epoch;
    const cached = epoch === null ? undefined : this.access.get(request.mailboxId);
    const folderChanged = this.folderChangedFromNotifications(request, epoch);
    // Only a "yes" is taken from memory: a session that logged in just after a change whose
    // notification is still in flight (new password, lifted suspension) must not be refused on
    // the old facts, so a "no" is always confirmed by the database.
    if (cached && cached.epoch === epoch && folderChanged !== null && this.allows(cached, request))
      return { valid: true, folderChanged };
    const generation = this.generation;
    this.queries++;
    const answer = await checkMailboxAccess({
      mailboxId: request.mailboxId,
      door: "IMAP",
      folderId: request.folder?.id,
    });
    if (epoch !== null && this.listener.epoch === epoch && this.generation === generation)
      this.access.set(request.mailboxId, { ...answer.access, epoch });
    const folder = request.folder;
    return {
      valid: this.allows(answer.access, request),
      folderChanged:
        !!folder && (answer.folderModseq === null || answer.folderModseq > folder.knownModseq),
    };
  }

  close(): void {
    this.unsubscribe();
  }

  private allows(access: MailboxAccess, request: LiveCheckRequest): boolean {
    return accessRefusal(access, request.sessionVersion) === null;
  }

  /** null: the notifications cannot tell (listener not trusted, or the session read in another epoch). */
  private folderChangedFromNotifications(
    request: LiveCheckRequest,
    epoch: number | null,
  ): boolean | null {
    const folder = request.folder;
    if (!folder) return false;
    if (epoch === null || folder.epoch !== epoch) return null;
    const notified = this.listener.notifiedModseq(folder.id);
    if (notified === undefined) return false;
    if (notified === UNKNOWN_MODSEQ) return null;
    return notified > folder.knownModseq;
  }

  private invalidate(target: MailboxChangeTarget): void {
    this.generation++;
    if (target !== "all" && "mailboxId" in target) {
      this.access.delete(target.mailboxId);
      for (const fn of this.watchers.get(target.mailboxId) ?? []) fn();
      return;
    }
    // A domain switched on or off (rare), or a reconnect: everyone re-checks.
    this.access.clear();
    for (const set of this.watchers.values()) for (const fn of set) fn();
  }
}
