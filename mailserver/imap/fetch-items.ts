// FETCH attributes (RFC 3501 §6.4.5) as a client asks for them, taken apart once per command.
import { topLevelSection, type TopLevelSection } from "@/lib/server/mime";
import { ParseError, type Token } from "./tokens";

export type BodyItem = {
  kind: "section";
  /** Name in the response, e.g. BODY[HEADER.FIELDS (SUBJECT)]<0> or RFC822.HEADER. */
  label: string;
  /** Section for imapBodySection ("" = whole message). */
  section: string;
  /** The section compiled once for readTopLevelSection (no MIME parse), when it allows that. */
  topLevel: TopLevelSection | null;
  peek: boolean;
  partial: { start: number; length: number | null } | null;
};

export type FetchItem =
  | { kind: "simple"; name: "UID" | "FLAGS" | "INTERNALDATE" | "RFC822.SIZE" | "MODSEQ" }
  | { kind: "structure"; name: "ENVELOPE" | "BODY" | "BODYSTRUCTURE" }
  | BodyItem;

const MACROS: Record<string, string[]> = {
  ALL: ["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE"],
  FAST: ["FLAGS", "INTERNALDATE", "RFC822.SIZE"],
  FULL: ["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY"],
};
const SIMPLE = ["UID", "FLAGS", "INTERNALDATE", "RFC822.SIZE", "MODSEQ"];
const STRUCTURE = ["ENVELOPE", "BODY", "BODYSTRUCTURE"];
const SECTION =
  /^((?:[1-9]\d*)(?:\.[1-9]\d*)*)?(?:(?:^|\.)(HEADER|TEXT|MIME|HEADER\.FIELDS(?:\.NOT)?) ?(\(.*\))?)?$/i;
const BODY_ITEM = /^(BODY|BODY\.PEEK|BINARY|BINARY\.PEEK)\[([^\]]*)\](?:<(\d+)(?:\.(\d+))?>)?$/i;

function parseSection(text: string): string {
  const m = SECTION.exec(text.trim());
  if (!m) throw new ParseError("Invalid section");
  const [, part, keyword, fields] = m;
  const upper = keyword?.toUpperCase();
  if (upper === "MIME" && !part) throw new ParseError("MIME needs a part number");
  if (upper?.startsWith("HEADER.FIELDS")) {
    if (!fields) throw new ParseError("HEADER.FIELDS needs a field list");
    const names = fields
      .slice(1, -1)
      .trim()
      .split(/\s+/)
      .map((f) => f.replace(/^"(.*)"$/, "$1"))
      .filter(Boolean);
    if (names.length === 0) throw new ParseError("Empty field list");
    return `${part ? part + "." : ""}${upper} (${names.map((n) => n.toUpperCase()).join(" ")})`;
  }
  if (fields) throw new ParseError("Invalid section");
  return [part, upper].filter(Boolean).join(".");
}

function parseItem(text: string): FetchItem[] {
  const upper = text.toUpperCase();
  if (MACROS[upper]) return MACROS[upper].flatMap(parseItem);
  if (SIMPLE.includes(upper)) return [{ kind: "simple", name: upper as "UID" }];
  if (STRUCTURE.includes(upper)) return [{ kind: "structure", name: upper as "BODY" }];
  if (upper === "RFC822") return [sectionItem("RFC822", "", false, null)];
  if (upper === "RFC822.HEADER") return [sectionItem("RFC822.HEADER", "HEADER", true, null)];
  if (upper === "RFC822.TEXT") return [sectionItem("RFC822.TEXT", "TEXT", false, null)];
  const m = BODY_ITEM.exec(text);
  if (!m) throw new ParseError(`Unknown FETCH item ${text.slice(0, 40)}`);
  if (m[1].toUpperCase().startsWith("BINARY")) throw new ParseError("BINARY is not supported");
  const section = parseSection(m[2]);
  const start = m[3] === undefined ? null : Number(m[3]);
  const length = m[4] === undefined ? null : Number(m[4]);
  return [
    sectionItem(
      `BODY[${section}]${start === null ? "" : `<${start}>`}`,
      section,
      m[1].toUpperCase() === "BODY.PEEK",
      start === null ? null : { start, length },
    ),
  ];
}

function sectionItem(
  label: string,
  section: string,
  peek: boolean,
  partial: BodyItem["partial"],
): BodyItem {
  const topLevel = section === "" ? null : topLevelSection(section);
  return { kind: "section", label, section, topLevel, peek, partial };
}

export function parseFetchItems(token: Token): FetchItem[] {
  const tokens = token.type === "list" ? token.items : [token];
  if (tokens.length === 0) throw new ParseError("Empty FETCH item list");
  return tokens.flatMap((t) => {
    if (t.type !== "atom") throw new ParseError("Invalid FETCH item");
    return parseItem(t.value);
  });
}
