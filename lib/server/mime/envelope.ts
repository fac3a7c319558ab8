// ENVELOPE (RFC 3501 §7.4.2) from a message header. Fields are the raw header text (encoded
// words are not decoded, as RFC 3501 leaves that to the client) with line breaks removed; the
// last occurrence of a repeated field wins, as in Dovecot.
import { parseAddressList, type EnvelopeAddress } from "./address";
import { fieldRawText, fieldText, lastField, type HeaderField } from "./header";
import { imapHumanString, imapNString } from "./imap-string";

export function writeEnvelope(raw: Buffer, fields: HeaderField[]): string {
  const text = (name: string): string | null => {
    const field = lastField(fields, name);
    return field ? fieldText(raw, field) : null;
  };
  const addresses = (name: string): EnvelopeAddress[] => {
    const value = text(name);
    return value === null ? [] : parseAddressList(value);
  };
  const subject = lastField(fields, "subject");
  const from = addresses("from");
  const sender = addresses("sender");
  const replyTo = addresses("reply-to");
  return `(${[
    imapNString(text("date")),
    imapHumanString(subject ? fieldRawText(raw, subject) : null),
    writeAddresses(from),
    // RFC 3501 §7.4.2: absent or empty Sender / Reply-To take the value of From.
    writeAddresses(sender.length > 0 ? sender : from),
    writeAddresses(replyTo.length > 0 ? replyTo : from),
    writeAddresses(addresses("to")),
    writeAddresses(addresses("cc")),
    writeAddresses(addresses("bcc")),
    imapNString(text("in-reply-to")),
    imapNString(text("message-id")),
  ].join(" ")})`;
}

function writeAddresses(addresses: EnvelopeAddress[]): string {
  if (addresses.length === 0) return "NIL";
  return `(${addresses.map(writeAddress).join("")})`;
}

function writeAddress(address: EnvelopeAddress): string {
  switch (address.kind) {
    case "group-start":
      return `(NIL NIL ${imapNString(address.name)} NIL)`;
    case "group-end":
      return "(NIL NIL NIL NIL)";
    case "mailbox":
      return `(${imapHumanString(address.name)} ${imapNString(address.route)} ${imapNString(address.mailbox)} ${imapNString(address.host)})`;
  }
}
