import type { Pop3Connection } from "../connection";
import { topOfMessage } from "../message-output";

/** RETR (bodyLines null) and TOP: look the message up, read it, stream it. */
export async function sendStoredMessage(
  connection: Pop3Connection,
  argument: string,
  bodyLines: number | null,
): Promise<void> {
  const session = connection.maildrop!;
  const found = session.lookup(argument);
  if (!found.ok) return connection.err(found.error);
  let raw: Buffer | null;
  try {
    raw = await session.read(found.message);
  } catch (error) {
    connection.log(`reading message failed: ${(error as Error).message}`);
    return connection.err("[SYS/TEMP] Message cannot be read right now, try again later.");
  }
  if (!raw) return connection.err(`Message ${found.number} was removed by another client.`);
  if (bodyLines === null) return connection.sendMessage(`${raw.length} octets`, raw);
  return connection.sendMessage("Top of message follows", topOfMessage(raw, bodyLines));
}
