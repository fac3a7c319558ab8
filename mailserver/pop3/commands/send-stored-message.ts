import type { Pop3Connection } from "../connection";
import { topOfMessage } from "../message-output";

type Opened = { parts: AsyncIterable<Buffer> | null } | { error: Error };

/**
 * RETR (bodyLines null) and TOP: look the message up, read it, stream it. The first slice is
 * usually read ahead already; if not, it is read while the per-command session check runs
 * (one database round trip instead of two in a row). Nothing is sent before the check passed.
 */
export async function sendStoredMessage(
  connection: Pop3Connection,
  argument: string,
  bodyLines: number | null,
): Promise<void> {
  const session = connection.maildrop!;
  const found = session.lookup(argument);
  const opening: Promise<Opened> | null = found.ok
    ? session.openMessage(found.number).then(
        (parts) => ({ parts }),
        (error: Error) => ({ error }),
      )
    : null;
  if (!(await connection.sessionChecked())) return;
  if (!found.ok) return connection.err(found.error);
  const opened = await opening!;
  if ("error" in opened) {
    connection.log(`reading message failed: ${opened.error.message}`);
    return connection.err("[SYS/TEMP] Message cannot be read right now, try again later.");
  }
  const parts = opened.parts;
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
