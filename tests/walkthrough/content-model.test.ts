import { beforeAll, describe, expect, it } from "vitest";
import { buildWalkthrough, canNegotiate } from "@/lib/server/walkthrough/build-walkthrough";
import { CLIENTS } from "@/lib/server/walkthrough/clients";
import { suggestClient } from "@/lib/server/walkthrough/suggest-client";
import { getConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { HOST, PORTS, seedWalkthroughWorld } from "./support/seed";

const address = "jane.doe@walk.test";
const settingsFor = (protocol: "IMAP" | "POP3") => getConnectionSettings({ address, protocol });

describe("walkthrough content model", () => {
  beforeAll(async () => {
    await seedWalkthroughWorld();
  });

  it("has the eleven clients of the issue, each with stable unique step ids", () => {
    expect(CLIENTS.map((c) => c.id).sort()).toEqual(
      [
        "android-gmail",
        "android-thunderbird",
        "apple-mail",
        "iphone",
        "outlook",
        "outlook-2003",
        "outlook-2007",
        "outlook-express",
        "thunderbird",
        "windows-mail",
        "windows-mail-vista",
      ].sort(),
    );
    for (const client of CLIENTS) {
      const ids = client.steps.map((s) => s.id);
      expect(new Set(ids).size, client.id).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it("gives every client 4 to 10 steps for both protocols, with every token replaced", async () => {
    for (const protocol of ["IMAP", "POP3"] as const) {
      const settings = await settingsFor(protocol);
      for (const client of CLIENTS) {
        const w = buildWalkthrough({ clientId: client.id, settings, minTls: "TLSv1.2" });
        expect(w.steps.length, `${client.id} ${protocol}`).toBeGreaterThanOrEqual(4);
        expect(w.steps.length, `${client.id} ${protocol}`).toBeLessThanOrEqual(10);
        const everything = JSON.stringify(w.steps);
        expect(everything, client.id).not.toMatch(
          /\{(address|name|username|in[A-Z]\w*|out[A-Z]\w*)\}/,
        );
        expect(everything).toContain(HOST);
        for (const step of w.steps)
          expect(step.text.length, `${client.id}/${step.id}`).toBeGreaterThan(10);
      }
    }
  });

  it("follows the protocol: POP3 walkthroughs say to keep a copy on the server", async () => {
    const imap = await settingsFor("IMAP");
    const pop3 = await settingsFor("POP3");
    for (const client of CLIENTS) {
      const a = buildWalkthrough({ clientId: client.id, settings: imap, minTls: "TLSv1.2" });
      const b = buildWalkthrough({ clientId: client.id, settings: pop3, minTls: "TLSv1.2" });
      expect(a.values.incoming.port).toBe(PORTS.imaps);
      expect(b.values.incoming.port).toBe(PORTS.pop3s);
      expect(a.values.outgoing.port).toBe(PORTS.smtps);
      const popText = JSON.stringify(b.steps).toLowerCase();
      expect(popText, client.id).toMatch(
        /leaves? a copy|leave messages on server|never|do not delete on server|after one week/,
      );
    }
  });

  it("applies staff text overrides by client, step id and protocol, tokens included", async () => {
    const overrides = [
      {
        clientId: "thunderbird",
        stepId: "address",
        protocol: "IMAP" as const,
        title: "Your address",
        text: "Type {address} here.",
      },
      {
        clientId: "thunderbird",
        stepId: "address",
        protocol: "POP3" as const,
        title: "POP3 title",
        text: "only for POP3",
      },
      {
        clientId: "outlook",
        stepId: "address",
        protocol: "IMAP" as const,
        title: "x",
        text: "not for this client",
      },
    ];
    const w = buildWalkthrough({
      clientId: "thunderbird",
      settings: await settingsFor("IMAP"),
      minTls: "TLSv1.2",
      overrides,
    });
    const step = w.steps.find((s) => s.id === "address")!;
    expect(step.text).toBe(`Type ${address} here.`);
    expect(step.title).toBe("Your address");
    expect(JSON.stringify(w)).not.toContain("not for this client");
    expect(JSON.stringify(w)).not.toContain("only for POP3");
    const pop = buildWalkthrough({
      clientId: "thunderbird",
      settings: await settingsFor("POP3"),
      minTls: "TLSv1.2",
      overrides,
    });
    expect(pop.steps.find((s) => s.id === "address")!.text).toBe("only for POP3");
  });

  it("is honest about old clients and the server's minimum TLS version", async () => {
    const settings = await settingsFor("IMAP");
    const build = (clientId: string, minTls: "TLSv1" | "TLSv1.2" | "TLSv1.3") =>
      buildWalkthrough({ clientId, settings, minTls });
    // Windows Mail (Vista): TLS 1.0 only, so it depends on MAIL_MIN_TLS.
    const strict = build("windows-mail-vista", "TLSv1.2");
    expect(strict.canConnect).toBe(false);
    expect(strict.notes[0]).toMatch(/will not connect/);
    expect(strict.alternative?.id).toBe("thunderbird");
    const relaxed = build("windows-mail-vista", "TLSv1");
    expect(relaxed.canConnect).toBe(true);
    expect(relaxed.notes[0]).toMatch(/still accept TLS 1\.0/);
    // Outlook Express (XP): its ciphers are ones we never offer, whatever MAIL_MIN_TLS says.
    for (const minTls of ["TLSv1", "TLSv1.2"] as const) {
      const oe = build("outlook-express", minTls);
      expect(oe.canConnect).toBe(false);
      expect(oe.notes[0]).toMatch(/cannot connect.*MAIL_MIN_TLS/);
      expect(oe.alternative?.id).toBe("thunderbird");
    }
    // Every legacy note names the TLS 1.2 default and the operator's setting, and notes carry
    // the customer's own ports (tokens filled in).
    for (const id of ["outlook-express", "windows-mail-vista", "outlook-2003", "outlook-2007"]) {
      const notes = build(id, "TLSv1.2").notes.join(" ");
      expect(notes, id).toMatch(/TLS 1\.2/);
      expect(notes, id).toContain("MAIL_MIN_TLS");
      expect(notes, id).toContain(`${PORTS.imaps} (incoming) and ${PORTS.smtps} (outgoing)`);
      expect(notes, id).not.toMatch(/\{[a-zA-Z]+\}/);
    }
    expect(build("thunderbird", "TLSv1.3").canConnect).toBe(true);
    expect(canNegotiate("TLSv1.2", "TLSv1.3")).toBe(false);
  });

  it("old Microsoft clients: the ports step shows the implicit-TLS ports with SSL chosen, each in its own dialog", async () => {
    const looks = new Set<string>();
    for (const protocol of ["IMAP", "POP3"] as const) {
      const settings = await settingsFor(protocol);
      const inPort = String(protocol === "IMAP" ? PORTS.imaps : PORTS.pop3s);
      for (const id of ["outlook-express", "windows-mail-vista", "outlook-2003", "outlook-2007"]) {
        const ports = buildWalkthrough({ clientId: id, settings, minTls: "TLSv1" }).steps.find(
          (s) => s.id === "ports",
        )!;
        const widgets = ports.picture.widgets;
        const fields = widgets.filter((w) => w.kind === "field").map((w) => w.value);
        expect(fields.sort(), id).toEqual([inPort, String(PORTS.smtps)].sort());
        // Right after each port: a ticked SSL box, or Outlook 2007's list set to "SSL".
        for (const [i, w] of widgets.entries()) {
          if (w.kind !== "field") continue;
          const encryption = widgets.slice(i + 1).find((e) => e.kind !== "para")!;
          if (encryption.kind === "checkbox") {
            expect(encryption.label, id).toMatch(/\(SSL\)$/);
            expect(encryption.checked).toBe(true);
          } else expect(encryption, id).toMatchObject({ kind: "select", value: "SSL" });
        }
        const leaveCopy = widgets.some(
          (w) => w.kind === "checkbox" && /Leave a copy/.test(String(w.label)),
        );
        expect(leaveCopy, id).toBe(protocol === "POP3");
        looks.add(JSON.stringify([ports.picture.frame, ports.picture.title, widgets]));
      }
    }
    expect(looks.size).toBe(8); // four clients × two protocols, no two pictures alike
  });

  it("refuses an unknown client", async () => {
    expect(() =>
      buildWalkthrough({ clientId: "lotus-notes", settings: {} as never, minTls: "TLSv1.2" }),
    ).toThrow(/no walkthrough/);
  });

  it("suggests a client from the User-Agent", () => {
    const ua = {
      iphone:
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
      ipad: "Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15",
      android:
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36",
      mac: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15",
      win11:
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36",
      xp: "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)",
      vista: "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.0)",
      linux: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    };
    expect(suggestClient(ua.iphone)).toBe("iphone");
    expect(suggestClient(ua.ipad)).toBe("iphone");
    expect(suggestClient(ua.android)).toBe("android-gmail");
    expect(suggestClient(ua.mac)).toBe("apple-mail");
    expect(suggestClient(ua.win11)).toBe("outlook");
    expect(suggestClient(ua.xp)).toBe("outlook-express");
    expect(suggestClient(ua.vista)).toBe("windows-mail-vista");
    expect(suggestClient(ua.linux)).toBe("thunderbird");
    expect(suggestClient(null)).toBe("thunderbird");
  });

  it("Outlook 2007 keeps the SSL box for POP3's incoming server and the list for IMAP's", async () => {
    const labels = async (protocol: "IMAP" | "POP3") => {
      const walkthrough = buildWalkthrough({
        clientId: "outlook-2007",
        settings: await settingsFor(protocol),
        minTls: "TLSv1.2",
      });
      const ports = walkthrough.steps.find((s) => s.id === "ports")!;
      return JSON.stringify(ports.picture.widgets);
    };
    const pop3 = await labels("POP3");
    const imap = await labels("IMAP");
    expect(pop3).toContain("This server requires an encrypted connection (SSL)");
    expect(imap).not.toContain("This server requires an encrypted connection (SSL)");
    // IMAP: a list for each server; POP3: the list for the outgoing server only.
    expect(imap.split("Use the following type of encrypted connection").length - 1).toBe(2);
    expect(pop3.split("Use the following type of encrypted connection").length - 1).toBe(1);
  });
});
