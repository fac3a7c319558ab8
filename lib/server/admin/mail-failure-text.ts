/** What staff are shown when a mail is not accepted: the relay's own answer, shortened. */
export function mailFailureText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The mail could not be sent: ${message.replace(/[\r\n]+/g, " ")}`.slice(0, 500);
}
