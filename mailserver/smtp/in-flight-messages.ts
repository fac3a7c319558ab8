// Messages being received right now (between DATA and its reply), per SMTP session: shutdown
// lets them finish before it says 421, so a client never loses a message it was sending.
export class InFlightMessages {
  private readonly waiters = new Map<string, Array<() => void>>();

  begin(sessionId: string): void {
    if (!this.waiters.has(sessionId)) this.waiters.set(sessionId, []);
  }

  end(sessionId: string): void {
    const waiting = this.waiters.get(sessionId);
    this.waiters.delete(sessionId);
    for (const wake of waiting ?? []) wake();
  }

  has(sessionId: string): boolean {
    return this.waiters.has(sessionId);
  }

  /** Resolves when the session's message is answered, or at once when there is none. */
  settled(sessionId: string): Promise<void> {
    const waiting = this.waiters.get(sessionId);
    if (!waiting) return Promise.resolve();
    return new Promise((resolve) => waiting.push(resolve));
  }
}
