// Seeding for bench scripts through the domain layer: a domain, mailboxes, and messages loaded
// with deliverMessage inside batched transactions (the same code path as SMTP and APPEND, with
// one commit per batch instead of per message).
import type { CorpusMessage } from "./message-corpus";

export const BENCH_PASSWORD = "Sturdy Copper Bell";
const actor = { type: "system" as const };

export async function addBenchDomain(name: string): Promise<void> {
  const { addDomain } = await import("../../lib/server/domain/add-domain");
  await addDomain({ name, actor });
}

/** A mailbox with a large quota; returns its id and stored (Dovecot-format) password hash. */
export async function addBenchMailbox(
  address: string,
): Promise<{ id: number; passwordHash: string }> {
  const { addMailbox } = await import("../../lib/server/mailbox/add-mailbox");
  const { db } = await import("../../lib/server/db/client");
  const { id } = await addMailbox({
    address,
    password: BENCH_PASSWORD,
    quotaBytes: 1024 ** 4,
    actor,
  });
  const row = await db().mailbox.findUniqueOrThrow({
    where: { id },
    select: { passwordHash: true },
  });
  return { id, passwordHash: row.passwordHash };
}

export async function loadMessages(
  mailboxId: number,
  count: number,
  message: (index: number) => CorpusMessage,
  batch = 250,
): Promise<void> {
  const { db } = await import("../../lib/server/db/client");
  const { deliverMessage } = await import("../../lib/server/mail-store/deliver-message");
  for (let start = 0; start < count; start += batch) {
    const end = Math.min(count, start + batch);
    await db().$transaction(
      async (tx) => {
        for (let i = start; i < end; i++) {
          const m = message(i);
          await deliverMessage({ mailboxId, raw: m.raw, internalDate: m.date }, tx);
        }
      },
      { timeout: 300_000 },
    );
  }
}
