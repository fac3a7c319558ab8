// IMAP's view of an RFC 5322 / MIME message (RFC 3501 §7.4.2). The implementation lands with
// the MIME parser; this file fixes the interface the IMAP server codes against.
export type ParsedMessage = unknown;

/** Parses once; callers cache the result per message. Never throws on malformed input. */
export function parseMessage(_raw: Buffer): ParsedMessage {
  throw new Error("MIME parser not implemented yet");
}

/** The parenthesised ENVELOPE list, exactly as it goes on the wire. */
export function imapEnvelope(_message: ParsedMessage): string {
  throw new Error("MIME parser not implemented yet");
}

/** BODYSTRUCTURE (extended = true) or BODY (extended = false), as it goes on the wire. */
export function imapBodyStructure(_message: ParsedMessage, _extended: boolean): string {
  throw new Error("MIME parser not implemented yet");
}

/**
 * The bytes of BODY[section] without partial ranges: section is "" (whole message), "HEADER",
 * "TEXT", "HEADER.FIELDS (A B)", "HEADER.FIELDS.NOT (A B)", "1", "1.2", "1.2.MIME",
 * "1.2.HEADER", "2.TEXT", … (RFC 3501 §6.4.5). null when the section does not exist.
 */
export function imapBodySection(_message: ParsedMessage, _section: string): Buffer | null {
  throw new Error("MIME parser not implemented yet");
}

/** Decoded header value(s) for SEARCH HEADER/FROM/TO/CC/BCC/SUBJECT (case-insensitive name). */
export function headerValues(_message: ParsedMessage, _name: string): string[] {
  throw new Error("MIME parser not implemented yet");
}

/** Decoded text of all text parts (transfer encoding and charset undone), for SEARCH BODY/TEXT. */
export function bodyText(_message: ParsedMessage): string {
  throw new Error("MIME parser not implemented yet");
}

/** The Date: header as a Date (SEARCH SENTBEFORE/SENTON/SENTSINCE), or null. */
export function sentDate(_message: ParsedMessage): Date | null {
  throw new Error("MIME parser not implemented yet");
}
