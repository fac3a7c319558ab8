// A smarthost for relay tests: an smtp-server that records what it receives and answers
// each RCPT as the test's rule says.
import { SMTPServer } from "smtp-server";

export type Received = { from: string; to: string[]; raw: Buffer };

export type FakeSmarthost = {
  url: string;
  received: Received[];
  attempts: Map<string, number>;
  close(): Promise<void>;
};

/** rule(recipient, attemptForThatRecipient) → null to accept, or [code, text] to refuse. */
export type RcptRule = (recipient: string, attempt: number) => [number, string] | null;

export async function startFakeSmarthost(rule: RcptRule): Promise<FakeSmarthost> {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const n = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, n);
      const refusal = rule(address.address, n);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal[1]), { responseCode: refusal[0] }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
