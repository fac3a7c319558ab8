// Folder tree of one mailbox: list, create, rename, delete, subscribe (IMAP LIST/CREATE/…).
import { AppError } from "@/lib/server/errors/app-error";
import { db } from "@/lib/server/db/client";
import { newUidValidity } from "@/lib/server/mailbox/default-folders";
import { expungeMessages } from "@/lib/server/mail-store/expunge-messages";
import { assertValidFolderName, normaliseFolderName, parentNames } from "./folder-name";
import { copyMessages } from "./copy-messages";
import { notifyFolderChange } from "./notify-folder-change";

export type FolderInfo = {
  id: number;
  name: string;
  specialUse: string | null;
  subscribed: boolean;
  uidValidity: number;
  uidNext: number;
  highestModseq: bigint;
};

const FOLDER_SELECT = {
  id: true,
  name: true,
  specialUse: true,
  subscribed: true,
  uidValidity: true,
  uidNext: true,
  highestModseq: true,
} as const;

export const SPECIAL_USES = ["\\Archive", "\\Drafts", "\\Junk", "\\Sent", "\\Trash"];

export async function listFolders(mailboxId: number): Promise<FolderInfo[]> {
  return db().mailFolder.findMany({
    where: { mailboxId },
    select: FOLDER_SELECT,
    orderBy: { name: "asc" },
  });
}

export async function findFolder(mailboxId: number, name: string): Promise<FolderInfo | null> {
  return db().mailFolder.findUnique({
    where: { mailboxId_name: { mailboxId, name: normaliseFolderName(name) } },
    select: FOLDER_SELECT,
  });
}

export async function requireFolder(mailboxId: number, name: string): Promise<FolderInfo> {
  const folder = await findFolder(mailboxId, name);
  if (!folder) throw new AppError("NOT_FOUND", "No such folder.");
  return folder;
}

export async function createFolder(options: {
  mailboxId: number;
  name: string;
  specialUse?: string | null;
}): Promise<void> {
  const name = normaliseFolderName(options.name);
  assertValidFolderName(name);
  let specialUse: string | null = null;
  if (options.specialUse) {
    specialUse = SPECIAL_USES.find((s) => s.toLowerCase() === options.specialUse!.toLowerCase())!;
    if (!specialUse) throw new AppError("INVALID_INPUT", "Unsupported special-use attribute.");
  }
  await db().$transaction(async (tx) => {
    const existing = await tx.mailFolder.findMany({
      where: { mailboxId: options.mailboxId, name: { in: [name, ...parentNames(name)] } },
      select: { name: true },
    });
    const have = new Set(existing.map((f) => f.name));
    if (have.has(name)) throw new AppError("ALREADY_EXISTS", "That folder already exists.");
    const uidValidity = newUidValidity();
    const missing = parentNames(name).filter((p) => !have.has(p));
    await tx.mailFolder.createMany({
      data: [
        ...missing.map((p) => ({ mailboxId: options.mailboxId, name: p, uidValidity })),
        { mailboxId: options.mailboxId, name, uidValidity, specialUse },
      ],
    });
  });
}

export async function deleteFolder(options: { mailboxId: number; name: string }): Promise<void> {
  const name = normaliseFolderName(options.name);
  if (name === "INBOX") throw new AppError("FORBIDDEN", "INBOX cannot be deleted.");
  const folder = await requireFolder(options.mailboxId, name);
  await db().$transaction(async (tx) => {
    const uids = await tx.message.findMany({
      where: { folderId: folder.id },
      select: { uid: true },
    });
    await expungeMessages({ folderId: folder.id, uids: uids.map((u) => u.uid) }, tx);
    await tx.mailFolder.delete({ where: { id: folder.id } });
  });
  await notifyFolderChange(folder.id);
}

export async function renameFolder(options: {
  mailboxId: number;
  from: string;
  to: string;
}): Promise<void> {
  const from = normaliseFolderName(options.from);
  const to = normaliseFolderName(options.to);
  assertValidFolderName(to);
  if (from === "INBOX") return renameInbox(options.mailboxId, to);
  if (to === from || to.startsWith(from + "/"))
    throw new AppError("INVALID_INPUT", "A folder cannot be moved into itself.");
  await db().$transaction(async (tx) => {
    const all = await tx.mailFolder.findMany({
      where: { mailboxId: options.mailboxId },
      select: { id: true, name: true },
    });
    const names = new Set(all.map((f) => f.name));
    if (!names.has(from)) throw new AppError("NOT_FOUND", "No such folder.");
    if (names.has(to)) throw new AppError("ALREADY_EXISTS", "That folder already exists.");
    const moving = all.filter((f) => f.name === from || f.name.startsWith(from + "/"));
    for (const f of moving) {
      const newName = to + f.name.slice(from.length);
      if (names.has(newName) && f.name !== from)
        throw new AppError("ALREADY_EXISTS", "A subfolder with that name already exists.");
      // A new UIDVALIDITY: clients must not trust caches made under the old name.
      await tx.mailFolder.update({
        where: { id: f.id },
        data: { name: newName, uidValidity: newUidValidity() },
      });
    }
    const uidValidity = newUidValidity();
    const missing = parentNames(to).filter((p) => !names.has(p) || p === from);
    for (const p of missing) {
      if (p.startsWith(from + "/") || p === from) continue;
      await tx.mailFolder.create({ data: { mailboxId: options.mailboxId, name: p, uidValidity } });
    }
  });
}

export async function setFolderSubscribed(options: {
  mailboxId: number;
  name: string;
  subscribed: boolean;
}): Promise<void> {
  const folder = await findFolder(options.mailboxId, options.name);
  if (!folder) {
    // Unsubscribing a name that no longer exists is fine; subscribing one is not.
    if (options.subscribed) throw new AppError("NOT_FOUND", "No such folder.");
    return;
  }
  await db().mailFolder.update({
    where: { id: folder.id },
    data: { subscribed: options.subscribed },
  });
}

/** RFC 3501 §6.3.5: renaming INBOX moves its messages to the new folder; INBOX stays, empty. */
async function renameInbox(mailboxId: number, to: string): Promise<void> {
  await createFolder({ mailboxId, name: to });
  const [inbox, target] = await Promise.all([
    requireFolder(mailboxId, "INBOX"),
    requireFolder(mailboxId, to),
  ]);
  const uids = await db().message.findMany({
    where: { folderId: inbox.id },
    select: { uid: true },
  });
  await copyMessages({
    mailboxId,
    fromFolderId: inbox.id,
    toFolderId: target.id,
    uids: uids.map((u) => u.uid),
    move: true,
  });
}
