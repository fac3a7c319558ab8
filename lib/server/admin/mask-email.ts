/** "anna.smith@example.org" → "a•••@e•••.org": enough for a caller to recognise, no more. */
export function maskEmail(address: string | null): string | null {
  if (!address) return null;
  const at = address.lastIndexOf("@");
  if (at < 1) return "•••";
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf(".");
  const tld = dot > 0 ? domain.slice(dot) : "";
  return `${address[0]}•••@${domain[0] ?? ""}•••${tld}`;
}
