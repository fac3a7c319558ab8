// kill -9 drill: several SMTP sessions deliver while the mail backend is killed without
// warning; afterwards every message that got a 250 must be in the store.
import nodemailer from "nodemailer";
import type { BenchStack } from "./bench-stack";

export type Kill9Result = { acknowledged: number; missing: number; failedAttempts: number };

export async function runKill9Drill(
  stack: BenchStack,
  options: { sessions?: number; killAfterAcks?: number; address: string },
): Promise<Kill9Result> {
  const sessions = options.sessions ?? 4;
  const killAfter = options.killAfterAcks ?? 40;
  const acknowledged: string[] = [];
  let failedAttempts = 0;
  let running = true;
  let backend = await stack.startBackend();

  const sender = async (session: number) => {
    let n = 0;
    while (running) {
      const transport = nodemailer.createTransport({
        host: "127.0.0.1",
        port: stack.ports.SMTP_PORT,
        secure: false,
        ignoreTLS: true,
        connectionTimeout: 2000,
        socketTimeout: 5000,
      });
      const messageId = `<drill-${session}-${n++}-${Date.now()}@drill.test>`;
      try {
        await transport.sendMail({
          from: "drill@sender.test",
          to: options.address,
          subject: `drill ${messageId}`,
          text: "x".repeat(2000),
          messageId,
        });
        acknowledged.push(messageId);
      } catch {
        failedAttempts++;
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        transport.close();
      }
    }
  };
  const senders = Array.from({ length: sessions }, (_, i) => sender(i));
  while (acknowledged.length < killAfter) await new Promise((r) => setTimeout(r, 20));
  backend.kill("SIGKILL");
  await new Promise((r) => backend.once("exit", r));
  await new Promise((r) => setTimeout(r, 500));
  backend = await stack.startBackend();
  const target = acknowledged.length + killAfter / 2;
  while (acknowledged.length < target) await new Promise((r) => setTimeout(r, 20));
  running = false;
  await Promise.all(senders);

  const { db } = await import("../../lib/server/db/client");
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    SELECT substring(convert_from(raw, 'UTF8') from 'Message-I[Dd]: (<[^>]+>)') AS id FROM "Message"`;
  const stored = new Set(rows.map((r) => r.id));
  const missing = acknowledged.filter((id) => !stored.has(id)).length;
  return { acknowledged: acknowledged.length, missing, failedAttempts };
}
