// Parses a SEARCH program (RFC 3501 §6.4.4, RFC 7162 MODSEQ) into the domain's SearchKey,
// resolving sequence sets against the session's seq ↔ UID map.
import type { DateOp, SearchKey } from "@/lib/server/imap/search-messages";
import { canonicalFlag } from "@/lib/server/imap/flags";
import { parseSearchDate } from "./dates";
import type { SelectedFolder } from "./selected-folder";
import { ParseError, textValue, type Token } from "./tokens";

const FLAG_KEYS: Record<string, [string, boolean]> = {
  ANSWERED: ["\\Answered", true],
  DELETED: ["\\Deleted", true],
  DRAFT: ["\\Draft", true],
  FLAGGED: ["\\Flagged", true],
  SEEN: ["\\Seen", true],
  UNANSWERED: ["\\Answered", false],
  UNDELETED: ["\\Deleted", false],
  UNDRAFT: ["\\Draft", false],
  UNFLAGGED: ["\\Flagged", false],
  UNSEEN: ["\\Seen", false],
};
const HEADER_KEYS = ["BCC", "CC", "FROM", "SUBJECT", "TO"];
const DATE_KEYS: Record<string, ["internalDate" | "sentDate", DateOp]> = {
  BEFORE: ["internalDate", "before"],
  ON: ["internalDate", "on"],
  SINCE: ["internalDate", "since"],
  SENTBEFORE: ["sentDate", "before"],
  SENTON: ["sentDate", "on"],
  SENTSINCE: ["sentDate", "since"],
};

export type SearchProgram = { key: SearchKey; usesModseq: boolean };

export function parseSearchProgram(tokens: Token[], selected: SelectedFolder): SearchProgram {
  let i = 0;
  let usesModseq = false;
  const take = (): Token => {
    const t = tokens[i++];
    if (!t) throw new ParseError("Incomplete search program");
    return t;
  };
  const word = (): string => {
    const t = take();
    if (t.type !== "atom") throw new ParseError("Expected a search key");
    return t.value;
  };
  const text = (): string => textValue(take());
  const number = (): number => {
    const v = word();
    if (!/^\d{1,10}$/.test(v)) throw new ParseError("Expected a number");
    return Number(v);
  };

  const recentKey = (): SearchKey => ({ kind: "uids", uids: [...selected.recent] });

  const keyFrom = (token: Token): SearchKey => {
    if (token.type === "list") {
      const inner = parseSearchProgram(token.items, selected);
      usesModseq ||= inner.usesModseq;
      return inner.key;
    }
    if (token.type === "string") throw new ParseError("Unexpected string in search");
    const name = token.value.toUpperCase();
    if (name in FLAG_KEYS) {
      const [flag, present] = FLAG_KEYS[name];
      return { kind: "flag", flag, present };
    }
    if (HEADER_KEYS.includes(name)) return { kind: "header", name, value: text() };
    if (name in DATE_KEYS) {
      const [kind, op] = DATE_KEYS[name];
      const date = parseSearchDate(text());
      if (!date) throw new ParseError("Invalid date");
      return { kind, op, date };
    }
    switch (name) {
      case "ALL":
        return { kind: "all" };
      case "RECENT":
        return recentKey();
      case "OLD":
        return { kind: "not", key: recentKey() };
      case "NEW":
        return {
          kind: "and",
          keys: [recentKey(), { kind: "flag", flag: "\\Seen", present: false }],
        };
      case "KEYWORD":
      case "UNKEYWORD": {
        const flag = canonicalFlag(word());
        if (!flag) return name === "KEYWORD" ? { kind: "none" } : { kind: "all" };
        return { kind: "flag", flag, present: name === "KEYWORD" };
      }
      case "HEADER": {
        const field = text();
        return { kind: "header", name: field, value: text() };
      }
      case "BODY":
        return { kind: "body", value: text() };
      case "TEXT":
        return { kind: "text", value: text() };
      case "LARGER":
        return { kind: "size", op: "larger", bytes: number() };
      case "SMALLER":
        return { kind: "size", op: "smaller", bytes: number() };
      case "UID":
        return { kind: "uids", uids: selected.resolve(word(), true) };
      case "NOT":
        return { kind: "not", key: keyFrom(take()) };
      case "OR": {
        const left = keyFrom(take());
        return { kind: "or", left, right: keyFrom(take()) };
      }
      case "MODSEQ": {
        usesModseq = true;
        // Optional entry name and type (we keep no per-flag modseqs, so they are ignored).
        if (tokens[i]?.type === "string") {
          i++;
          word();
        }
        const v = word();
        if (!/^\d+$/.test(v)) throw new ParseError("Invalid MODSEQ");
        return { kind: "modseq", min: BigInt(v) };
      }
      default:
        if (/^[\d*$]/.test(name)) return { kind: "uids", uids: selected.resolve(name, false) };
        throw new ParseError(`Unknown search key ${name}`);
    }
  };

  const keys: SearchKey[] = [];
  while (i < tokens.length) keys.push(keyFrom(take()));
  if (keys.length === 0) throw new ParseError("Empty search program");
  return { key: keys.length === 1 ? keys[0] : { kind: "and", keys }, usesModseq };
}
