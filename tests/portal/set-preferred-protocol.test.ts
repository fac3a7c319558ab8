import { beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { setPreferredProtocol } from "@/lib/server/mailbox/set-preferred-protocol";
import { ensureServerEndpoints } from "@/lib/server/settings/ensure-server-endpoints";
import { getConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import type { MailProtocol } from "@/lib/generated/prisma/enums";

const actor = { type: "customer" as const, id: 1, label: "erin@protocol.test", ip: "192.0.2.7" };

describe("choosing POP3 or IMAP", () => {
  let mailboxId: number;
  beforeAll(async () => {
    await ensureServerEndpoints(loadEnv());
    await addDomain({ name: "protocol.test", actor: { type: "system" } });
    mailboxId = (
      await addMailbox({
        address: "erin@protocol.test",
        password: "Violet tram at noon 5",
        actor: { type: "system" },
      })
    ).id;
  });

  it("stores the choice, audits a change, and the settings follow it", async () => {
    expect(await setPreferredProtocol({ mailboxId, protocol: "POP3", actor })).toEqual({
      preferredProtocol: "POP3",
    });
    const mailbox = await db().mailbox.findUniqueOrThrow({ where: { id: mailboxId } });
    expect(mailbox.preferredProtocol).toBe("POP3");
    const settings = await getConnectionSettings({
      address: mailbox.address,
      protocol: mailbox.preferredProtocol,
    });
    expect(settings.incoming.protocol).toBe("POP3");
    expect(settings.incoming.recommended.port).toBe(loadEnv().POP3S_PORT);
    const events = await db().auditEvent.findMany({
      where: { action: "mailbox.preferred_protocol", targetId: String(mailboxId) },
    });
    expect(events.map((e) => e.details)).toEqual([{ from: "IMAP", to: "POP3" }]);
  });

  it("choosing the same protocol again changes and audits nothing", async () => {
    await setPreferredProtocol({ mailboxId, protocol: "POP3", actor });
    expect(
      await db().auditEvent.count({
        where: { action: "mailbox.preferred_protocol", targetId: String(mailboxId) },
      }),
    ).toBe(1);
    await setPreferredProtocol({ mailboxId, protocol: "IMAP", actor });
    expect(
      (await db().mailbox.findUniqueOrThrow({ where: { id: mailboxId } })).preferredProtocol,
    ).toBe("IMAP");
  });

  it("refuses anything but POP3 or IMAP, and unknown mailboxes", async () => {
    await expect(
      setPreferredProtocol({ mailboxId, protocol: "SMTP" as MailProtocol, actor }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", field: "protocol" });
    await expect(
      setPreferredProtocol({ mailboxId: 999_999, protocol: "IMAP", actor }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
