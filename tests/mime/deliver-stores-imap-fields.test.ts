// deliverMessage stores ENVELOPE / BODYSTRUCTURE / BODY computed once, and they survive the
// round trip through PostgreSQL text unchanged (8-bit headers, NUL bytes, binary garbage).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import { fetchItems, messageFixtures } from "./support/fixtures";

const actor = { type: "system" as const };

describe("deliverMessage and the IMAP columns", () => {
  it("fills imapEnvelope, imapBodyStructure and imapBody with Dovecot-equal values", async () => {
    await addDomain({ name: "mime.test", actor });
    const mailbox = await addMailbox({
      address: "m@mime.test",
      password: "Long Enough 123",
      quotaBytes: 10_000_000,
      actor,
    });
    const fixtures = messageFixtures().filter((fixture) => /^(09|14|19|31|40)-/.test(fixture.file));
    expect(fixtures).toHaveLength(5);
    for (const fixture of fixtures) {
      const delivered = await deliverMessage({ mailboxId: mailbox.id, raw: fixture.raw });
      const stored = await db().message.findUniqueOrThrow({ where: { id: delivered.id } });
      const dovecot = fetchItems(fixture.fetches[0]!.response).toString("latin1");
      const wire = (value: string | null) => Buffer.from(value!, "utf8").toString("latin1");
      expect(dovecot).toContain(` ENVELOPE ${wire(stored.imapEnvelope)} BODYSTRUCTURE `);
      expect(dovecot).toContain(` BODYSTRUCTURE ${wire(stored.imapBodyStructure)} BODY `);
      expect(dovecot.endsWith(` BODY ${wire(stored.imapBody)})`)).toBe(true);
    }

    const garbage = Buffer.from([
      ...Buffer.from(
        "Subject: \u0000\xff\xfe bad\r\nFrom: \u0000<a@b>\r\nContent-Type: multipart/mixed; boundary=\u0000\r\n\r\n--\u0000\r\n",
        "latin1",
      ),
      0xc3,
      0x28,
      0x00,
    ]);
    const delivered = await deliverMessage({ mailboxId: mailbox.id, raw: garbage });
    const stored = await db().message.findUniqueOrThrow({ where: { id: delivered.id } });
    expect(stored.imapEnvelope).toMatch(/^\(NIL /);
    expect(stored.imapBodyStructure).toMatch(/"mixed"/);
    expect(stored.imapBody).not.toBeNull();
    expect(Buffer.from(stored.raw).equals(garbage)).toBe(true);
  });
});
