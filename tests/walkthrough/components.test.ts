// The signed-in pages render these components; rendering them here proves their content
// without a browser sign-in.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ClientChooser } from "@/components/walkthrough/client-chooser";
import { PrintView } from "@/components/walkthrough/print-view";
import { WalkthroughView } from "@/components/walkthrough/walkthrough-view";
import { CLIENTS } from "@/lib/server/walkthrough/clients";
import { loadCustomerWalkthrough } from "@/lib/server/walkthrough/load-customer-walkthrough";
import { HOST, PORTS, seedWalkthroughWorld } from "./support/seed";

const customer = { address: "jane.doe@walk.test", preferredProtocol: "IMAP" as const };

describe("walkthrough components", () => {
  beforeAll(async () => {
    await seedWalkthroughWorld();
  });

  it("render every client's steps with a picture per step, switching protocol on request", async () => {
    for (const client of CLIENTS) {
      for (const protocol of ["IMAP", "POP3"] as const) {
        const w = await loadCustomerWalkthrough({ customer, clientId: client.id, protocol });
        const html = renderToStaticMarkup(
          createElement(WalkthroughView, { walkthrough: w, preferredProtocol: "IMAP" }),
        );
        expect(html.match(/data-step-picture/g)?.length, client.id).toBe(w.steps.length);
        expect(html).toContain(customer.address);
        expect(html).toContain(HOST);
        expect(html).toContain(`port ${protocol === "IMAP" ? PORTS.imaps : PORTS.pop3s}`);
        expect(html).toContain(`data-testid="walkthrough-protocol">${protocol}<`);
        expect(html).toContain(`/walkthroughs/${client.id}/pictures/1.png`);
      }
    }
  });

  it("put the legacy note first for clients that cannot connect", async () => {
    const w = await loadCustomerWalkthrough({ customer, clientId: "outlook-express" });
    const html = renderToStaticMarkup(
      createElement(WalkthroughView, { walkthrough: w, preferredProtocol: "IMAP" }),
    );
    expect(html.indexOf("This program will not connect")).toBeGreaterThan(-1);
    expect(html.indexOf("This program will not connect")).toBeLessThan(html.indexOf("Step 1"));
    expect(html).toContain('href="/walkthroughs/thunderbird"');
  });

  it("render the one-page print version and the chooser with the suggestion first", async () => {
    const w = await loadCustomerWalkthrough({ customer, clientId: "iphone" });
    const print = renderToStaticMarkup(createElement(PrintView, { walkthrough: w }));
    expect(print.match(/data-step-picture/g)?.length).toBe(w.steps.length);
    const chooser = renderToStaticMarkup(
      createElement(ClientChooser, { clients: CLIENTS, suggested: "android-gmail" }),
    );
    expect(chooser.indexOf("Android: Gmail app")).toBeLessThan(chooser.indexOf("Thunderbird"));
    for (const c of CLIENTS) expect(chooser).toContain(`/walkthroughs/${c.id}"`);
  });
});
