// What a failed delivery leaves in the queue row for staff: the relay's answer on one line.
// Anything shaped like a one-time token (a "token=" parameter, a long base64url run) is cut
// out, so a link can never reach the row even if a relay or library echoes the message.
export function deliveryErrorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/[\r\n]+/g, " ")
    .replace(/token=[^\s&"'<>]*/gi, "token=[removed]")
    .replace(/[A-Za-z0-9_-]{32,}/g, "[removed]")
    .slice(0, 500);
}
