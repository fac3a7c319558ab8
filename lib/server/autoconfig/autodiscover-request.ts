// Reads an Outlook Autodiscover (POX) request without an XML parser that could be talked
// into expanding entities: the request is tiny and fixed (an <Autodiscover><Request> with an
// <EMailAddress> and an <AcceptableResponseSchema>), so we
//   - refuse any DOCTYPE or ENTITY declaration outright (no internal or external entities,
//     so no "billion laughs" and no file or URL fetching is possible),
//   - refuse any &reference; other than XML's five predefined ones and numeric character
//     references, and
//   - take the two element texts with a pattern that allows namespace prefixes.
// The body size is limited before this runs (AUTODISCOVER_MAX_BODY).
import { AppError } from "@/lib/server/errors/app-error";

export const AUTODISCOVER_MAX_BODY = 64 * 1024;

export const OUTLOOK_RESPONSE_SCHEMA =
  "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

export type AutodiscoverRequest = { emailAddress: string; acceptableResponseSchema: string };

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (_, ref: string) => {
    if (ref.startsWith("#x")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return PREDEFINED[ref];
  });
}

function elementText(xml: string, name: string): string | null {
  const prefix = "(?:[A-Za-z_][\\w.-]*:)?";
  const pattern = new RegExp(`<${prefix}${name}(?:\\s[^>]*)?>([^<]*)</${prefix}${name}\\s*>`);
  const match = pattern.exec(xml);
  return match ? decodeText(match[1]).trim() : null;
}

export function parseAutodiscoverRequest(xml: string): AutodiscoverRequest {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new AppError("INVALID_INPUT", "Document type and entity declarations are not accepted.");
  for (const m of xml.matchAll(/&([^;\s<>&]*);?/g)) {
    const ref = m[1];
    const ok =
      m[0].endsWith(";") &&
      (ref in PREDEFINED || /^#x[0-9a-fA-F]{1,6}$/.test(ref) || /^#[0-9]{1,7}$/.test(ref));
    if (!ok) throw new AppError("INVALID_INPUT", "Unknown entity reference.");
  }
  if (
    !/<(?:[A-Za-z_][\w.-]*:)?Autodiscover[\s>]/.test(xml) ||
    !/<(?:[A-Za-z_][\w.-]*:)?Request[\s>]/.test(xml)
  )
    throw new AppError("INVALID_INPUT", "Not an Autodiscover request.");
  const emailAddress = elementText(xml, "EMailAddress");
  const acceptableResponseSchema = elementText(xml, "AcceptableResponseSchema");
  if (!emailAddress || !acceptableResponseSchema)
    throw new AppError("INVALID_INPUT", "EMailAddress and AcceptableResponseSchema are required.");
  return { emailAddress, acceptableResponseSchema };
}
