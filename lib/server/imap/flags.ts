// IMAP flag names: system flags are case-insensitive and stored in their canonical spelling.
const SYSTEM_FLAGS = ["\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"];
const BY_LOWER = new Map(SYSTEM_FLAGS.map((f) => [f.toLowerCase(), f]));

export const PERMANENT_FLAGS = SYSTEM_FLAGS;

/** Canonical flag, or null for a flag clients may not set (\Recent, unknown \-flags, bad atoms). */
export function canonicalFlag(flag: string): string | null {
  if (flag.startsWith("\\")) return BY_LOWER.get(flag.toLowerCase()) ?? null;
  if (!/^[\x21-\x7e]+$/.test(flag) || /[(){%*"\\\]]/.test(flag)) return null;
  return flag;
}

export function sameFlags(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((f) => set.has(f));
}
