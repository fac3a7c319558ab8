// Folders every mailbox is created with (RFC 6154 special-use attributes).
export const DEFAULT_FOLDERS: ReadonlyArray<{ name: string; specialUse: string | null }> = [
  { name: "INBOX", specialUse: null },
  { name: "Sent", specialUse: "\\Sent" },
  { name: "Drafts", specialUse: "\\Drafts" },
  { name: "Trash", specialUse: "\\Trash" },
  { name: "Junk", specialUse: "\\Junk" },
];

/** A UIDVALIDITY that differs from any earlier folder of the same name (seconds since 2020). */
export function newUidValidity(): number {
  return Math.floor((Date.now() - Date.UTC(2020, 0, 1)) / 1000);
}
