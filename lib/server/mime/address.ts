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
  | { kind: "special"; text: string; spaceBefore: boolean }
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
      position++;
      tokens.push({ kind: "word", text: value, quoted: true, spaceBefore });
    } else if (char === "(") {
      let depth = 0;
      let value = "";
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
      tokens.push({ kind: "comment", text: value, spaceBefore });
    } else if (char === "[") {
      const close = text.indexOf("]", position);
      const end = close < 0 ? text.length : close + 1;
      tokens.push({ kind: "word", text: text.slice(position, end), quoted: false, spaceBefore });
      position = end;
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

/** Display-name words joined by single spaces where the header had whitespace. */
function phrase(tokens: Token[]): string {
  let text = "";
  for (const token of tokens) {
    if (token.kind === "comment") continue;
    if (text !== "" && token.spaceBefore) text += " ";
    text += token.text;
  }
  return text;
}

/** A local part or domain: the tokens glued together, comments and whitespace dropped. */
function glued(tokens: Token[]): string {
  return tokens
    .filter((token) => token.kind !== "comment")
    .map((token) => token.text)
    .join("");
}

function lastComment(tokens: Token[]): string | null {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (token.kind === "comment" && token.text.trim() !== "") return token.text.trim();
  }
  return null;
}

export function parseAddressList(text: string): EnvelopeAddress[] {
  const tokens = tokenize(text);
  const addresses: EnvelopeAddress[] = [];
  let inGroup = false;
  let position = 0;
  const take = (stop: string): Token[] => {
    const start = position;
    while (position < tokens.length && !isSpecial(tokens[position], stop)) position++;
    return tokens.slice(start, position);
  };
  while (position < tokens.length && addresses.length < MAX_ADDRESSES) {
    const token = tokens[position]!;
    if (isSpecial(token, ",")) {
      position++;
      continue;
    }
    if (isSpecial(token, ";")) {
      position++;
      if (inGroup) addresses.push({ kind: "group-end" });
      inGroup = false;
      continue;
    }
    const words = take("<:,;@>");
    const stop = tokens[position];
    if (isSpecial(stop, ":")) {
      position++;
      if (inGroup) continue;
      addresses.push({ kind: "group-start", name: phrase(words) });
      inGroup = true;
      continue;
    }
    if (isSpecial(stop, "<")) {
      position++;
      let route: string | null = null;
      if (isSpecial(tokens[position], "@")) {
        const routeTokens = take(":>");
        if (isSpecial(tokens[position], ":")) {
          position++;
          route = glued(routeTokens);
        } else position -= routeTokens.length;
      }
      const local = take("@>,;");
      let domain: Token[] = [];
      if (isSpecial(tokens[position], "@")) {
        position++;
        domain = take(">,;");
      }
      if (isSpecial(tokens[position], ">")) position++;
      const trailing = take(",;");
      const name = phrase(words) || lastComment([...words, ...trailing]);
      addresses.push(mailbox(name, route, glued(local), glued(domain)));
      continue;
    }
    if (isSpecial(stop, "@")) {
      position++;
      const domain = take(",;<>");
      if (isSpecial(tokens[position], "<") || isSpecial(tokens[position], ">")) take(",;");
      addresses.push(
        mailbox(lastComment([...words, ...domain]), null, glued(words), glued(domain)),
      );
      continue;
    }
    if (isSpecial(stop, ">")) position++;
    if (words.some((word) => word.kind === "word")) {
      addresses.push(mailbox(lastComment(words), null, glued(words), ""));
    }
  }
  if (inGroup && addresses.length < MAX_ADDRESSES) addresses.push({ kind: "group-end" });
  return addresses;
}

function mailbox(
  name: string | null,
  route: string | null,
  local: string,
  domain: string,
): EnvelopeAddress {
  return {
    kind: "mailbox",
    name: name === "" ? null : name,
    route,
    mailbox: local === "" ? "MISSING_MAILBOX" : local,
    host: domain === "" ? "MISSING_DOMAIN" : domain,
  };
}
