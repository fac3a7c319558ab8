// Address lists (RFC 5322 §3.4, with the obsolete forms of §4.4) as IMAP ENVELOPE wants them:
// mailboxes as (name adl mailbox host), groups opened by (NIL NIL "group" NIL) and closed by
// (NIL NIL NIL NIL) (RFC 3501 §7.4.2). Lenient like Dovecot: a missing local part or domain is
// filled in as MISSING_MAILBOX / MISSING_DOMAIN rather than dropping the address.

export type EnvelopeAddress =
  | { kind: "mailbox"; name: string | null; route: string | null; mailbox: string; host: string }
  | { kind: "group-start"; name: string }
  | { kind: "group-end" };

type Token =
  | { kind: "word"; text: string; quoted: boolean; spaceBefore: boolean }
  | { kind: "special"; text: string; spaceBefore: boolean; broken?: true }
  | { kind: "comment"; text: string; spaceBefore: boolean };

/** Bounds the ENVELOPE for absurd headers; real mail has far fewer. */
const MAX_ADDRESSES = 2_000;
const SPECIALS = new Set('()<>[]:;@\\,."');

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  let spaceBefore = false;
  while (position < text.length) {
    const char = text[position]!;
    if (char === " " || char === "\t" || char === "\r" || char === "\n") {
      spaceBefore = true;
      position++;
      continue;
    }
    if (char === '"') {
      let value = "";
      position++;
      while (position < text.length && text[position] !== '"') {
        if (text[position] === "\\" && position + 1 < text.length) position++;
        value += text[position++];
      }
      if (position >= text.length) {
        // An unterminated quoted string makes the rest unreadable.
        tokens.push({ kind: "special", text: '"', spaceBefore, broken: true });
        return tokens;
      }
      position++;
      tokens.push({ kind: "word", text: value, quoted: true, spaceBefore });
    } else if (char === "(") {
      let depth = 0;
      let value = "";
      const start = position;
      while (position < text.length) {
        const inner = text[position++]!;
        if (inner === "\\" && position < text.length) value += text[position++];
        else if (inner === "(") {
          if (depth++ > 0) value += inner;
        } else if (inner === ")") {
          if (--depth === 0) break;
          value += inner;
        } else value += inner;
      }
      if (depth > 0) {
        // An unclosed comment makes the rest unreadable.
        tokens.push({ kind: "special", text: text[start]!, spaceBefore, broken: true });
        return tokens;
      }
      tokens.push({ kind: "comment", text: value, spaceBefore });
    } else if (char === "[" && isSpecial(tokens[tokens.length - 1], "@")) {
      // A domain literal; only after "@", and an unclosed one is not a word.
      const close = text.indexOf("]", position);
      if (close < 0) {
        tokens.push({ kind: "special", text: char, spaceBefore, broken: true });
        return tokens;
      }
      tokens.push({
        kind: "word",
        text: text.slice(position, close + 1),
        quoted: false,
        spaceBefore,
      });
      position = close + 1;
    } else if (SPECIALS.has(char)) {
      tokens.push({ kind: "special", text: char, spaceBefore });
      position++;
    } else {
      const start = position;
      while (position < text.length) {
        const next = text[position]!;
        if (next <= " " || SPECIALS.has(next)) break;
        position++;
      }
      tokens.push({ kind: "word", text: text.slice(start, position), quoted: false, spaceBefore });
    }
    spaceBefore = false;
  }
  return tokens;
}

function isSpecial(token: Token | undefined, chars: string): boolean {
  return token?.kind === "special" && chars.includes(token.text);
}

const isWord = (token: Token | undefined) => token?.kind === "word";
const isDot = (token: Token | undefined) => isSpecial(token, ".");

/** Display-name words joined by single spaces (as Dovecot joins them); dots stay attached. */
function phraseText(tokens: Token[]): string {
  let text = "";
  let previous: Token | null = null;
  for (const token of tokens) {
    if (token.kind === "comment") continue;
    const afterDot = previous !== null && isDot(previous);
    if (previous && !isDot(token) && (!afterDot || token.spaceBefore)) text += " ";
    text += token.text;
    previous = token;
  }
  return text;
}

/**
 * A reader for address lists in the manner of Dovecot's: well-formed lists come out as RFC
 * 5322 says; at the first syntax error the address read so far is kept (with MISSING_MAILBOX,
 * MISSING_DOMAIN or SYNTAX_ERROR filling the gaps) and the rest of the field is dropped.
 */
class AddressReader {
  position = 0;
  readonly addresses: EnvelopeAddress[] = [];
  private comment: string | null = null;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    while (this.tokens[this.position]?.kind === "comment") {
      const text = this.tokens[this.position]!.text.trim();
      if (text !== "") this.comment = text;
      this.position++;
    }
    return this.tokens[this.position];
  }

  private get done(): boolean {
    return this.peek() === undefined;
  }

  /** Words and dots (an obs-phrase, or a local part seen before we know which). */
  private phrase(): Token[] {
    const words: Token[] = [];
    for (let token = this.peek(); isWord(token) || isDot(token); token = this.peek()) {
      words.push(token!);
      this.position++;
    }
    return words;
  }

  /** word *("." word), leniently allowing leading, trailing and doubled dots. */
  private dotAtom(): string {
    let text = "";
    let afterDot = true;
    for (let token = this.peek(); ; token = this.peek()) {
      if (isDot(token)) afterDot = true;
      else if (isWord(token) && (afterDot || text === "")) afterDot = false;
      else return text;
      text += token!.text;
      this.position++;
    }
  }

  list(): void {
    const first = this.peek();
    if (first?.kind === "special" && first.broken && first.text === "(") return;
    while (!this.done && this.addresses.length < MAX_ADDRESSES) {
      // An empty list element (RFC 5322 §4.4 obs-addr-list) reads as a mailbox with
      // neither local part nor domain, as in Dovecot.
      if (!this.address()) return;
      if (!isSpecial(this.peek(), ",")) return;
      this.position++;
    }
  }

  private address(): boolean {
    const start = this.position;
    const words = this.phrase();
    if (isSpecial(this.peek(), ":")) {
      this.position++;
      return this.group(phraseText(words));
    }
    this.position = start;
    return this.mailbox();
  }

  private group(name: string): boolean {
    this.addresses.push({ kind: "group-start", name });
    let ok = true;
    if (isSpecial(this.peek(), ";")) this.position++;
    else {
      while (!this.done && this.addresses.length < MAX_ADDRESSES) {
        if (!this.mailbox()) {
          ok = false;
          break;
        }
        const next = this.peek();
        if (isSpecial(next, ",")) {
          this.position++;
          continue;
        }
        if (isSpecial(next, ";")) this.position++;
        else ok = this.done;
        break;
      }
    }
    this.addresses.push({ kind: "group-end" });
    return ok;
  }

  private mailbox(): boolean {
    this.comment = null;
    const start = this.position;
    const words = this.phrase();
    const afterPhrase = this.position;
    if (isSpecial(this.peek(), "<")) {
      this.position++;
      return this.angleAddress(phraseText(words));
    }
    this.position = start;
    const local = this.dotAtom();
    const next = this.peek();
    if (next?.kind === "special" && next.broken && next.text === "(") {
      // Dovecot loses a local part that is followed by an unclosed comment.
      this.add(null, null, "", "");
      return false;
    }
    if (isSpecial(next, "@")) {
      this.position++;
      const domain = this.domain();
      this.peek();
      // A domain may not end in a dot; Dovecot drops it and stops reading, and so do we.
      const valid = !domain.endsWith(".");
      this.add(this.comment, null, local, valid ? domain : "");
      return valid;
    }
    if (this.position < afterPhrase) {
      // Several words and no address: a display name whose address is missing.
      this.position = afterPhrase;
      this.add(phraseText(words), null, "", "");
      return this.done || isSpecial(this.peek(), ",;");
    }
    this.add(this.comment, null, local, "");
    return local !== "" || this.done || isSpecial(this.peek(), ",;");
  }

  private domain(): string {
    const token = this.peek();
    if (isWord(token) && token!.text.startsWith("[")) {
      this.position++;
      return token!.text;
    }
    return this.dotAtom();
  }

  private angleAddress(name: string): boolean {
    let route: string | null = null;
    if (isSpecial(this.peek(), "@")) {
      // RFC 5322 §4.4 obs-route: "@a,@b:" before the address.
      let text = "";
      while (!this.done && !isSpecial(this.peek(), ":>")) {
        text += this.peek()!.text;
        this.position++;
      }
      if (isSpecial(this.peek(), ":")) {
        this.position++;
        route = text;
      }
    }
    const local = this.dotAtom();
    let domain = "";
    if (isSpecial(this.peek(), "@")) {
      this.position++;
      domain = this.domain();
    }
    if (!isSpecial(this.peek(), ">")) {
      this.add(name, route, local, "SYNTAX_ERROR");
      return false;
    }
    this.position++;
    this.peek();
    this.add(name || this.comment, route, local, domain);
    return true;
  }

  private add(name: string | null, route: string | null, local: string, domain: string): void {
    this.addresses.push({
      kind: "mailbox",
      name: name === "" ? null : name,
      route,
      mailbox: local === "" ? "MISSING_MAILBOX" : local,
      host: domain === "" ? "MISSING_DOMAIN" : domain,
    });
  }
}

export function parseAddressList(text: string): EnvelopeAddress[] {
  const reader = new AddressReader(tokenize(text));
  reader.list();
  return reader.addresses;
}
