import net from "node:net";
import type { MailContext, RunningService } from "./service";

// Placeholder for a protocol whose server has not landed yet: it answers with that
// protocol's "service not available" greeting and closes, so clients fail fast and honestly.
export function unavailableListener(
  ctx: MailContext,
  name: string,
  port: number,
  greeting: string,
): Promise<RunningService> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      socket.on("error", () => socket.destroy());
      socket.end(greeting);
    });
    server.once("error", reject);
    server.listen(port, ctx.env.MAIL_BIND_HOST, () =>
      resolve({ name, port, close: () => new Promise((r) => server.close(() => r())) }),
    );
  });
}
