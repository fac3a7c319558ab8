import { canonicalFlag } from "@/lib/server/imap/flags";
import { ParseError, type Token } from "../tokens";

/** A client's flag list, canonicalised; \Recent and junk are refused. */
export function parseFlagList(tokens: Token[]): string[] {
  const flags = new Set<string>();
  for (const t of tokens) {
    if (t.type !== "atom") throw new ParseError("Flags must be atoms");
    const flag = canonicalFlag(t.value);
    if (flag === null) throw new ParseError(`Invalid flag ${t.value}`);
    flags.add(flag);
  }
  return [...flags];
}
