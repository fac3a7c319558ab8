import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { getConnectionSettings } from "@/lib/server/settings/get-connection-settings";
import { buildWalkthrough } from "@/lib/server/walkthrough/build-walkthrough";
import { CLIENTS } from "@/lib/server/walkthrough/clients";
import { stepPicturePng, stepPictureSvg } from "@/lib/server/walkthrough/render-step-picture";
import { parseXml, parseXmlMany, type XmlNode } from "./support/parse";
import { HOST, PORTS, seedWalkthroughWorld } from "./support/seed";

const address = "jane.doe@walk.test";

function allText(node: XmlNode): string {
  return [node.text, ...node.children.map(allText)].join(" ");
}

async function walkthroughs(protocol: "IMAP" | "POP3") {
  const settings = await getConnectionSettings({ address, protocol });
  return CLIENTS.map((c) => buildWalkthrough({ clientId: c.id, settings, minTls: "TLSv1.2" }));
}

describe("step pictures", () => {
  beforeAll(async () => {
    await seedWalkthroughWorld();
  });

  it("carry the customer's address, server and ports in every step of every client, and follow the protocol", async () => {
    for (const [protocol, inPort, otherPort] of [
      ["IMAP", PORTS.imaps, PORTS.pop3s],
      ["POP3", PORTS.pop3s, PORTS.imaps],
    ] as const) {
      const pictures = (await walkthroughs(protocol)).flatMap((w) =>
        w.steps.map((step) => ({
          where: `${w.id}/${step.id} ${protocol}`,
          svg: stepPictureSvg(w, step),
        })),
      );
      const docs = parseXmlMany(pictures.map((p) => p.svg)); // well-formed, by Python's parser
      pictures.forEach(({ where, svg }, i) => {
        const doc = docs[i];
        {
          expect(doc.tag, where).toBe("svg");
          const text = allText(doc);
          expect(text, where).toContain(address);
          expect(text, where).toContain(HOST);
          expect(text, where).toContain(`port ${inPort}`);
          expect(text, where).toContain(`port ${PORTS.smtps}`);
          expect(text, where).toContain(`Incoming (${protocol})`);
          expect(text, where).not.toContain(String(otherPort));
          expect(svg, where).toContain('data-highlight="true"');
        }
      });
      expect(pictures.length).toBeGreaterThan(60);
    }
  });

  it("fill the dialogs themselves with the values: each client shows host and both ports in its own fields", async () => {
    for (const protocol of ["IMAP", "POP3"] as const) {
      for (const w of await walkthroughs(protocol)) {
        // The dialogs only, without the band of values under each picture.
        const dialogs = w.steps
          .map((s) => stepPictureSvg(w, s).split('fill="#1E293B"')[0])
          .join("\n");
        expect(dialogs, w.id).toContain(address);
        expect(dialogs, w.id).toContain(HOST);
        // Thunderbird's found-configuration step names protocol and hosts; its manual steps the ports.
        expect(dialogs, w.id).toContain(String(w.values.incoming.port));
        expect(dialogs, w.id).toContain(String(w.values.outgoing.port));
      }
    }
  });

  it("differ between POP3 and IMAP for the same step", async () => {
    const imap = await walkthroughs("IMAP");
    const pop3 = await walkthroughs("POP3");
    for (let i = 0; i < imap.length; i++) {
      const a = imap[i].steps.map((s) => stepPictureSvg(imap[i], s)).join("");
      const b = pop3[i].steps.map((s) => stepPictureSvg(pop3[i], s)).join("");
      expect(a).not.toBe(b);
      expect(a).toContain(String(PORTS.imaps));
      expect(b).toContain(String(PORTS.pop3s));
    }
  });

  it("escape values so an odd address cannot break the SVG", async () => {
    const settings = await getConnectionSettings({ address: "a&b<c>@walk.test", protocol: "IMAP" });
    const w = buildWalkthrough({ clientId: "outlook-express", settings, minTls: "TLSv1.2" });
    const svg = stepPictureSvg(w, w.steps[3]);
    expect(allText(parseXml(svg))).toContain("a&b<c>@walk.test");
  });

  it("render as PNG: valid header, the SVG's size at 2x, and real content", async () => {
    const [w] = await walkthroughs("POP3");
    for (const step of w.steps.slice(0, 3)) {
      const png = await stepPicturePng(w, step);
      expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
      expect(png.length).toBeGreaterThan(10_000);
      const meta = await sharp(png).metadata();
      const svgWidth = Number(/width="(\d+)"/.exec(stepPictureSvg(w, step))![1]);
      expect(meta.format).toBe("png");
      expect(meta.width).toBe(svgWidth * 2);
      // Text was drawn: the picture has many distinct colours, not a blank or a single fill.
      const { channels } = await sharp(png).stats();
      expect(channels[0].stdev).toBeGreaterThan(10);
    }
  });
});
