// A bare-socket SMTP conversation for what real clients refuse to send (malformed commands,
// control characters): each line is written after the previous reply arrived.
import net from "node:net";

/** Reads complete SMTP replies (last line "NNN ") from a socket. */
function replyReader(socket: net.Socket) {
  let buffer = "";
  const waiting: Array<(reply: string) => void> = [];
  const ready: string[] = [];
  let closed = false;
  socket.on("close", () => {
    closed = true;
    for (const next of waiting.splice(0)) next("(closed)");
  });
  socket.on("error", () => {});
  socket.on("data", (chunk) => {
    buffer += chunk.toString("latin1");
    for (;;) {
      const match = /(^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(buffer);
      if (!match) break;
      const end = match.index + match[0].length;
      const reply = buffer.slice(0, end).replace(/^\r\n/, "");
      buffer = buffer.slice(end);
      const next = waiting.shift();
      if (next) next(reply);
      else ready.push(reply);
    }
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const r = ready.shift();
      if (r !== undefined) return resolve(r);
      if (closed) return resolve("(closed)");
      const timer = setTimeout(() => reject(new Error("no reply")), 10_000);
      waiting.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
    });
}

/** Lines to send; a function runs between two lines (e.g. to break something mid-session). */
export async function wireSession(
  port: number,
  lines: Array<string | (() => Promise<void>)>,
): Promise<string[]> {
  const socket = net.connect(port, "127.0.0.1");
  const next = replyReader(socket);
  const replies = [await next()];
  for (const line of lines) {
    if (typeof line === "function") {
      await line();
      continue;
    }
    if (!socket.destroyed) socket.write(line);
    replies.push(await next());
  }
  socket.destroy();
  return replies;
}
