// Structured MIME header values: Content-Type (RFC 2045 §5.1), Content-Disposition (RFC 2183),
// parameters with RFC 2231 continuations, Content-Language (RFC 3282). Lenient: what can be
// read is kept, garbage is skipped, nothing throws.

export type MimeParameter = [name: string, value: string];

export type ContentType = { type: string; subtype: string; params: MimeParameter[] };

export type Disposition = { type: string; params: MimeParameter[] };

const TSPECIALS = new Set('()<>@,;:\\"/[]?=');

/** A cursor over an unfolded header value that skips comments and blanks (CFWS). */
class Lexer {
  position = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.position >= this.text.length;
  }

  peek(): string {
    return this.text[this.position] ?? "";
  }

  skipCfws(): void {
    while (!this.done) {
      const char = this.peek();
      if (char === " " || char === "\t" || char === "\r" || char === "\n") this.position++;
      else if (char === "(") this.skipComment();
      else return;
    }
  }

  private skipComment(): void {
    let depth = 0;
    while (!this.done) {
      const char = this.text[this.position++];
      if (char === "\\") this.position++;
      else if (char === "(") depth++;
      else if (char === ")" && --depth === 0) return;
    }
  }

  token(): string {
    const start = this.position;
    while (!this.done) {
      const char = this.peek();
      if (char <= " " || char === "\u007f" || TSPECIALS.has(char)) break;
      this.position++;
    }
    return this.text.slice(start, this.position);
  }

  quoted(): string {
    let value = "";
    this.position++;
    while (!this.done) {
      const char = this.text[this.position++]!;
      if (char === '"') return value;
      if (char === "\\" && !this.done) value += this.text[this.position++];
      else if (char !== "\r" && char !== "\n") value += char;
    }
    return value;
  }

  /** Skips to the next ';' outside quotes and comments (left unread). */
  skipToSemicolon(): void {
    while (!this.done) {
      const char = this.peek();
      if (char === ";") return;
      if (char === '"') this.quoted();
      else if (char === "(") this.skipComment();
      else this.position++;
    }
  }
}

export function parseContentType(text: string): ContentType | null {
  const lexer = new Lexer(text);
  lexer.skipCfws();
  const type = lexer.token();
  if (!type) return null;
  lexer.skipCfws();
  if (lexer.peek() !== "/") return { type, subtype: "", params: [] };
  lexer.position++;
  lexer.skipCfws();
  const subtype = lexer.token();
  if (!subtype) return { type, subtype: "", params: [] };
  return { type, subtype, params: parseParameters(lexer) };
}

export function parseDisposition(text: string): Disposition | null {
  const lexer = new Lexer(text);
  lexer.skipCfws();
  const type = lexer.token();
  if (!type) return null;
  return { type, params: parseParameters(lexer) };
}

/** Language tags of Content-Language, e.g. ["en", "de"]. */
export function parseLanguages(text: string): string[] {
  const lexer = new Lexer(text);
  const tags: string[] = [];
  while (!lexer.done) {
    lexer.skipCfws();
    const tag = lexer.token();
    if (tag) tags.push(tag);
    else lexer.position++;
  }
  return tags;
}

const MAX_PARAMETERS = 200;

function parseParameters(lexer: Lexer): MimeParameter[] {
  const raw: MimeParameter[] = [];
  while (!lexer.done && raw.length < MAX_PARAMETERS) {
    lexer.skipCfws();
    if (lexer.peek() !== ";") {
      lexer.skipToSemicolon();
      continue;
    }
    lexer.position++;
    lexer.skipCfws();
    const name = lexer.token().toLowerCase();
    lexer.skipCfws();
    if (!name || lexer.peek() !== "=") continue;
    lexer.position++;
    lexer.skipCfws();
    const value = lexer.peek() === '"' ? lexer.quoted() : lexer.token();
    raw.push([name, value]);
  }
  return joinContinuations(raw);
}

/**
 * RFC 2231 §3: name*0, name*1*, … are joined into one parameter, called "name*" when any
 * segment is extended (charset'lang'%XX form, left encoded as Dovecot does) and "name" when
 * none is. Single extended parameters (name*=…) pass through unchanged.
 */
function joinContinuations(params: MimeParameter[]): MimeParameter[] {
  const segmented = /^(.+)\*(\d{1,3})(\*?)$/;
  const groups = new Map<string, Array<{ index: number; extended: boolean; value: string }>>();
  const result: Array<MimeParameter | string> = [];
  for (const [name, value] of params) {
    const match = segmented.exec(name);
    if (!match) {
      result.push([name, value]);
      continue;
    }
    const base = match[1]!;
    let group = groups.get(base);
    if (!group) {
      group = [];
      groups.set(base, group);
      result.push(base);
    }
    group.push({ index: Number(match[2]), extended: match[3] === "*", value });
  }
  return result.map((entry) => {
    if (typeof entry !== "string") return entry;
    const segments = groups.get(entry)!.sort((a, b) => a.index - b.index);
    const extended = segments.some((segment) => segment.extended);
    return [extended ? `${entry}*` : entry, segments.map((segment) => segment.value).join("")];
  });
}

export function parameter(params: MimeParameter[], name: string): string | null {
  return params.find(([key]) => key === name)?.[1] ?? null;
}
