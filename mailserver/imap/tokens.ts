// Turns a received command (line text + literals) into a token tree: atoms, strings (quoted or
// literal), and parenthesised lists. Fetch attributes such as BODY[HEADER.FIELDS (A B)]<0.10> stay
// one atom, brackets included, for the FETCH command to take apart.
import type { CommandParts } from "./command-reader";
import { decodeMailboxName, InvalidMailboxName } from "./mutf7";

export type Token =
  | { type: "atom"; value: string }
  | { type: "string"; value: Buffer }
  | { type: "list"; items: Token[] };

export class ParseError extends Error {}

const ATOM_STOP = new Set([" ", "(", ")", "{", '"']);

export function tokenize(parts: CommandParts): Token[] {
  const root: Token[] = [];
  const stack: Token[][] = [root];
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (typeof part !== "string") {
      stack[stack.length - 1].push({ type: "string", value: part });
      continue;
    }
    let i = 0;
    while (i < part.length) {
      const ch = part[i];
      const current = stack[stack.length - 1];
      if (ch === " ") {
        i++;
      } else if (ch === "(") {
        const list: Token = { type: "list", items: [] };
        current.push(list);
        stack.push(list.items);
        i++;
      } else if (ch === ")") {
        if (stack.length === 1) throw new ParseError("Unexpected )");
        stack.pop();
        i++;
      } else if (ch === '"') {
        let value = "";
        i++;
        for (;;) {
          if (i >= part.length) throw new ParseError("Unterminated quoted string");
          const c = part[i];
          if (c === '"') break;
          if (c === "\\") {
            const next = part[i + 1];
            if (next !== '"' && next !== "\\") throw new ParseError("Bad escape in quoted string");
            value += next;
            i += 2;
          } else {
            value += c;
            i++;
          }
        }
        i++;
        current.push({ type: "string", value: Buffer.from(value, "latin1") });
      } else if (ch === "{") {
        const m = /^\{(\d+)\+?\}$/.exec(part.slice(i));
        if (!m || p + 1 >= parts.length || typeof parts[p + 1] === "string")
          throw new ParseError("Bad literal");
        i = part.length;
      } else if (ch < " " || ch === "\x7f") {
        throw new ParseError("Control character in command");
      } else {
        const start = i;
        let depth = 0;
        while (i < part.length) {
          const c = part[i];
          if (c === "[") depth++;
          else if (c === "]") depth = Math.max(0, depth - 1);
          else if (depth === 0 && ATOM_STOP.has(c)) break;
          else if (c < " ") throw new ParseError("Control character in command");
          i++;
        }
        if (depth > 0) throw new ParseError("Unterminated [");
        current.push({ type: "atom", value: part.slice(start, i) });
      }
    }
  }
  if (stack.length !== 1) throw new ParseError("Unterminated (");
  return root;
}

/** Reads a command's arguments in order; each command states the shape it expects. */
export class Args {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  get remaining(): number {
    return this.tokens.length - this.index;
  }

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new ParseError("Missing argument");
    return token;
  }

  atom(): string {
    const t = this.next();
    if (t.type !== "atom") throw new ParseError("Expected an atom");
    return t.value;
  }

  /** astring: atom or string, as UTF-8 text (mailbox names, user names). */
  astring(): string {
    const t = this.next();
    if (t.type === "list") throw new ParseError("Expected a string");
    return t.type === "atom" ? t.value : t.value.toString("utf8");
  }

  /** A mailbox name (or LIST pattern): astring in modified UTF-7, returned as Unicode. */
  mailbox(): string {
    const t = this.next();
    if (t.type === "list") throw new ParseError("Expected a mailbox name");
    return mailboxName(t);
  }

  astringBytes(): Buffer {
    const t = this.next();
    if (t.type === "list") throw new ParseError("Expected a string");
    return t.type === "atom" ? Buffer.from(t.value, "latin1") : t.value;
  }

  list(): Token[] {
    const t = this.next();
    if (t.type !== "list") throw new ParseError("Expected a list");
    return t.items;
  }

  optionalList(): Token[] | null {
    return this.peek()?.type === "list" ? this.list() : null;
  }

  number(): number {
    const value = this.atom();
    if (!/^\d{1,10}$/.test(value) || Number(value) > 0xffffffff)
      throw new ParseError("Expected a number");
    return Number(value);
  }

  /** mod-sequence-value (RFC 7162): up to 63 bits. */
  modseq(): bigint {
    const value = this.atom();
    if (!/^\d{1,19}$/.test(value) || BigInt(value) > 0x7fffffffffffffffn)
      throw new ParseError("Expected a mod-sequence");
    return BigInt(value);
  }

  end(): void {
    if (this.index < this.tokens.length) throw new ParseError("Too many arguments");
  }
}

export const atomValue = (t: Token | undefined): string | null =>
  t?.type === "atom" ? t.value : null;

export const textValue = (t: Token): string => {
  if (t.type === "list") throw new ParseError("Expected a string");
  return t.type === "atom" ? t.value : t.value.toString("utf8");
};

/** Decodes a mailbox name token from modified UTF-7 (RFC 3501 §5.1.3); BAD when invalid. */
export function mailboxName(t: Token): string {
  if (t.type === "list") throw new ParseError("Expected a mailbox name");
  try {
    return decodeMailboxName(t.type === "atom" ? t.value : t.value.toString("latin1"));
  } catch (error) {
    if (error instanceof InvalidMailboxName)
      throw new ParseError(`Mailbox name is not valid modified UTF-7: ${error.message}`);
    throw error;
  }
}
