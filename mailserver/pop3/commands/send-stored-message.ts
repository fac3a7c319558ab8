import type { Pop3Connection } from "../connection";
import { topOfMessage } from "../message-output";

/**
 * RETR (bodyLines null) and TOP: look the message up, check the session and read the message's
 * first slice in one database round trip (MaildropSession.checkAndOpen), stream it. Nothing is
 * sent before the check passed.
 */
export async function sendStoredMessage(
  connection: Pop3Connection,
  argument: string,
  bodyLines: number | null,
): Promise<void> {
  const session = connection.maildrop!;
  const found = session.lookup(argument);
  if (!found.ok) {
    if (!(await connection.admit(session.check()))) return;
    return connection.err(found.error);
  }
  const checked = session.checkAndOpen(found.number);
  if (!(await connection.admit(checked.then((c) => c.state)))) return;
  let parts: AsyncIterable<Buffer> | null;
  try {
    parts = await (await checked).open();
  } catch (error) {
    connection.log(`reading message failed: ${(error as Error).message}`);
    return connection.err("[SYS/TEMP] Message cannot be read right now, try again later.");
  }
  if (!parts) return connection.err(`Message ${found.number} was removed by another client.`);
  try {
    if (bodyLines === null) {
      return await connection.sendMessage(`${found.message.size} octets`, parts);
    }
    return await connection.sendMessage("Top of message follows", [await topOf(parts, bodyLines)]);
  } catch (error) {
    // Part of the answer is out: an -ERR now would read as message text, so hang up.
    connection.log(`sending message failed: ${(error as Error).message}`);
    connection.destroy();
  }
}

/** Reads slices until the header and `lines` body lines are in (usually the first slice). */
async function topOf(parts: AsyncIterable<Buffer>, lines: number): Promise<Buffer> {
  let seen: Buffer = Buffer.alloc(0);
  for await (const part of parts) {
    seen = seen.length === 0 ? part : Buffer.concat([seen, part]);
    const top = topOfMessage(seen, lines);
    if (top.length < seen.length) return top;
  }
  return seen;
}
