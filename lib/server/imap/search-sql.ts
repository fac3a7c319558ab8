// Compiles a SEARCH program to one SQL condition over "Message" when every key can be answered
// from columns: flags, UIDs, INTERNALDATE, size, modseq, and the header keys (FROM/TO/CC/BCC/
// SUBJECT/HEADER) through the stored "searchHeaders" entries. SENTBEFORE/ON/SINCE, BODY and
// TEXT need the message itself, so a program using them compiles to null (evaluated in Node).
import { Prisma } from "@/lib/generated/prisma/client";
import type { DateOp, SearchKey } from "./search-messages";

export type CompiledSearch = {
  where: Prisma.Sql;
  /** Reads "searchHeaders": rows where it is NULL must be evaluated from their bytes instead. */
  usesHeaders: boolean;
};

const DAY_MS = 86_400_000;

/** LIKE pattern text matching `text` literally (escape character: backslash). */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => "\\" + c);
}

/** The UTC midnight starting the day of `date`, as a timestamp literal (dayOf in Node). */
const dayStart = (date: Date, plusDays = 0) =>
  new Date((Math.floor(date.getTime() / DAY_MS) + plusDays) * DAY_MS).toISOString();

function internalDateCondition(op: DateOp, date: Date): Prisma.Sql {
  // "internalDate" holds UTC wall time (timestamp without zone), so day boundaries are UTC.
  if (op === "before") return Prisma.sql`"internalDate" < ${dayStart(date)}::timestamp`;
  if (op === "since") return Prisma.sql`"internalDate" >= ${dayStart(date)}::timestamp`;
  return Prisma.sql`("internalDate" >= ${dayStart(date)}::timestamp
    AND "internalDate" < ${dayStart(date, 1)}::timestamp)`;
}

/** Some field named `name` whose decoded value contains `value`, both case-insensitively. */
function headerCondition(name: string, value: string): Prisma.Sql | null {
  // Entries never hold NUL or lone surrogates (those messages keep a NULL column), and PostgreSQL
  // text cannot carry them: such a term is left to the Node evaluation.
  if (value.includes("\u0000") || !value.isWellFormed() || !name.isWellFormed()) return null;
  // A field name ends at its first colon: no field is named with one.
  if (name.includes(":") || name.includes("\u0000")) return Prisma.sql`FALSE`;
  const pattern = `${likeLiteral(name.toLowerCase())}:%${likeLiteral(value.toLowerCase())}%`;
  return Prisma.sql`EXISTS (SELECT 1 FROM unnest("searchHeaders") AS entry
    WHERE entry LIKE ${pattern} ESCAPE '\\')`;
}

function compile(key: SearchKey, uses: { headers: boolean }): Prisma.Sql | null {
  switch (key.kind) {
    case "all":
      return Prisma.sql`TRUE`;
    case "none":
      return Prisma.sql`FALSE`;
    case "and":
    case "or": {
      const parts = key.kind === "and" ? key.keys : [key.left, key.right];
      const compiled = parts.map((k) => compile(k, uses));
      if (compiled.some((c) => c === null)) return null;
      if (compiled.length === 0) return Prisma.sql`TRUE`;
      const joined = Prisma.join(compiled as Prisma.Sql[], key.kind === "and" ? " AND " : " OR ");
      return Prisma.sql`(${joined})`;
    }
    case "not": {
      const inner = compile(key.key, uses);
      // Every compiled condition is TRUE or FALSE, never NULL, so NOT is exact.
      return inner && Prisma.sql`NOT (${inner})`;
    }
    case "uids":
      return Prisma.sql`uid = ANY(${key.uids}::int[])`;
    case "flag": {
      // coalesce: a NULL array would make the test NULL, and NOT of it would drop the row.
      const has = Prisma.sql`${key.flag} = ANY(coalesce(flags, '{}'))`;
      return key.present ? has : Prisma.sql`NOT (${has})`;
    }
    case "internalDate":
      return internalDateCondition(key.op, key.date);
    case "size":
      return key.op === "larger"
        ? Prisma.sql`size > ${key.bytes}::bigint`
        : Prisma.sql`size < ${key.bytes}::bigint`;
    case "modseq":
      return Prisma.sql`modseq >= ${key.min.toString()}::numeric`;
    case "header": {
      uses.headers = true;
      return headerCondition(key.name, key.value);
    }
    case "sentDate":
    case "body":
    case "text":
      return null;
  }
}

/** The program as a WHERE condition, or null when part of it needs the message bytes. */
export function compileSearch(key: SearchKey): CompiledSearch | null {
  const uses = { headers: false };
  const where = compile(key, uses);
  return where && { where, usesHeaders: uses.headers };
}
