// Structured MIME header values: Content-Type (RFC 2045 §5.1), Content-Disposition (RFC 2183),
// parameters with RFC 2231 continuations, Content-Language (RFC 3282), Content-Transfer-Encoding
// (RFC 2045 §6.1). Broken values are read the way Dovecot reads them (checked against Dovecot
// 2.3.19 with tests/mime/clients/compare-with-dovecot.ts), and nothing throws.

export type MimeParameter = [name: string, value: string];

export type ContentType = { type: string; subtype: string; params: MimeParameter[] };

export type Disposition = { type: string; params: MimeParameter[] };

const TSPECIALS = new Set('()<>@,;:\\"/[]?=');
const ATEXT = /[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]/;

/** A cursor over an unfolded header value that can skip comments and blanks (CFWS). */
class Lexer {
  position = 0;
  /** Set when a comment was never closed. */
  broken = false;
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
    this.broken = true;
  }

  /** RFC 2045 token: any CHAR except SPACE, CTLs and tspecials (8-bit allowed, leniently). */
  token(): string {
    const start = this.position;
    while (!this.done) {
      const char = this.peek();
      if (char <= " " || char === "\u007f" || TSPECIALS.has(char)) break;
      this.position++;
    }
    return this.text.slice(start, this.position);
  }

  /** RFC 5322 atom text (used by Content-Language). */
  atom(): string {
    const start = this.position;
    while (!this.done && ATEXT.test(this.peek())) this.position++;
    return this.text.slice(start, this.position);
  }

  /** A quoted-string starting at '"' (line breaks dropped); null when it is not closed. */
  quoted(): string | null {
    let value = "";
    this.position++;
    while (!this.done) {
      const char = this.text[this.position++]!;
      if (char === '"') return value;
      if (char === "\\" && !this.done) value += this.text[this.position++];
      else if (char !== "\r" && char !== "\n") value += char;
    }
    return null;
  }
}

/**
 * type "/" subtype *(";" parameter). A value with a type and nothing else keeps the type with
 * an empty subtype; any other malformed value becomes "" / "" without parameters.
 */
export function parseContentType(text: string): ContentType {
  const broken = { type: "", subtype: "", params: [] };
  const lexer = new Lexer(text);
  lexer.skipCfws();
  const type = lexer.token();
  if (!type) return broken;
  lexer.skipCfws();
  if (lexer.done) return { type, subtype: "", params: [] };
  if (lexer.peek() !== "/") return broken;
  lexer.position++;
  lexer.skipCfws();
  const subtype = lexer.token();
  if (!subtype) return broken;
  lexer.skipCfws();
  if (lexer.broken || (!lexer.done && lexer.peek() !== ";")) return broken;
  return { type, subtype, params: parseParameters(lexer) };
}

/** null when the type is followed by an unclosed comment (such a field does not count). */
export function parseDisposition(text: string): Disposition | null {
  const lexer = new Lexer(text);
  lexer.skipCfws();
  const type = lexer.token();
  if (type) {
    lexer.skipCfws();
    if (lexer.broken) return null;
  }
  return { type, params: parseParameters(lexer) };
}

/** 1#Language-tag: atoms separated by commas; reading stops at the first thing that is not. */
export function parseLanguages(text: string): string[] {
  const lexer = new Lexer(text);
  const tags: string[] = [];
  lexer.skipCfws();
  while (!lexer.done && tags.length < MAX_PARAMETERS) {
    const tag = lexer.atom();
    lexer.skipCfws();
    if (!tag || lexer.broken) break;
    tags.push(tag);
    if (lexer.peek() !== ",") break;
    lexer.position++;
    lexer.skipCfws();
  }
  return tags;
}

/** The mechanism token, or null when the value is not exactly one token. */
export function parseTransferEncoding(text: string): string | null {
  const lexer = new Lexer(text);
  lexer.skipCfws();
  const token = lexer.token();
  lexer.skipCfws();
  return token && lexer.done && !lexer.broken ? token : null;
}

const MAX_PARAMETERS = 200;

/**
 * *(";" name "=" value). After anything unexpected the reader skips one character and tries
 * again, so garbage after a value is passed over, while an empty parameter (";;") swallows
 * the separator of the next one, exactly as Dovecot reads it.
 */
function parseParameters(lexer: Lexer): MimeParameter[] {
  const raw: MimeParameter[] = [];
  while (!lexer.done && raw.length < MAX_PARAMETERS) {
    const parameter = readParameter(lexer);
    if (parameter) raw.push(parameter);
    else if (!lexer.done) lexer.position++;
  }
  return joinContinuations(raw);
}

function readParameter(lexer: Lexer): MimeParameter | null {
  if (lexer.peek() !== ";") return null;
  lexer.position++;
  lexer.skipCfws();
  if (lexer.done) return null;
  const name = lexer.token();
  lexer.skipCfws();
  if (lexer.peek() !== "=") return null;
  lexer.position++;
  lexer.skipCfws();
  const value = lexer.peek() === '"' ? lexer.quoted() : lexer.token();
  return value === null ? null : [name, value];
}

/**
 * RFC 2231 §3: name*0, name*1*, … are joined into one parameter, called "name*" when any
 * segment is extended (charset'lang'%XX form, left encoded as Dovecot does) and "name" when
 * none is. Like Dovecot, joined parameters follow the plain ones, sorted by name. Single
 * extended parameters (name*=…) pass through unchanged.
 */
function joinContinuations(params: MimeParameter[]): MimeParameter[] {
  const segmented = /^(.+)\*(\d{1,3})(\*?)$/;
  const groups = new Map<string, Array<{ index: number; extended: boolean; value: string }>>();
  const result: MimeParameter[] = [];
  for (const [name, value] of params) {
    const match = segmented.exec(name);
    if (!match) {
      result.push([name, value]);
      continue;
    }
    const group = groups.get(match[1]!) ?? [];
    groups.set(match[1]!, group);
    group.push({ index: Number(match[2]), extended: match[3] === "*", value });
  }
  const names = [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const segments = groups.get(name)!.sort((a, b) => a.index - b.index);
    const extended = segments.some((segment) => segment.extended);
    result.push([extended ? `${name}*` : name, segments.map((segment) => segment.value).join("")]);
  }
  return result;
}

/** A parameter's value by case-insensitive name (names keep their case for BODYSTRUCTURE). */
export function parameter(params: MimeParameter[], name: string): string | null {
  return params.find(([key]) => key.toLowerCase() === name)?.[1] ?? null;
}
