// IMAP folder names: "/" separates levels, INBOX is case-insensitive (RFC 3501 §5.1).
import { AppError } from "@/lib/server/errors/app-error";

export const HIERARCHY_DELIMITER = "/";

export function normaliseFolderName(name: string): string {
  const upper = name.toUpperCase();
  if (upper === "INBOX") return "INBOX";
  if (upper.startsWith("INBOX/")) return "INBOX" + name.slice(5);
  return name;
}

/** Throws INVALID_INPUT for names we refuse to create. */
export function assertValidFolderName(name: string): void {
  const bad =
    name.length === 0 ||
    name.length > 255 ||
    name.startsWith("/") ||
    name.endsWith("/") ||
    name.includes("//") ||
    /[*%]/.test(name) ||
    [...name].some((c) => c < " " || c === "\x7f");
  if (bad) throw new AppError("INVALID_INPUT", "That folder name is not allowed.");
}

/** "a/b/c" → ["a", "a/b"] */
export function parentNames(name: string): string[] {
  const parts = name.split(HIERARCHY_DELIMITER);
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join(HIERARCHY_DELIMITER));
}
