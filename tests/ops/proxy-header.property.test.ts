// The PROXY protocol parser and reader against anything a peer may send: random bytes never
// throw, never make the parser keep more than a header's worth, and the socket reader always
// settles (header, error or timeout). Valid v1/v2 headers cut anywhere parse the same.
import net from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAX_HEADER_LENGTH,
  parseProxyHeader,
  V2_SIGNATURE,
  type ProxyParse,
} from "@/mailserver/proxy/proxy-header";
import { ProxyHeaderError, readProxyHeader } from "@/mailserver/proxy/read-proxy-header";
import { trustedPeers } from "@/mailserver/proxy/trusted-peers";
import { proxyV1, proxyV2, type Endpoint } from "./support/proxy-headers";

const ipv4 = fc.ipV4();
const ipv6 = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }).map(
  (groups) =>
    new net.SocketAddress({
      address: groups.map((g) => g.toString(16)).join(":"),
      family: "ipv6",
    }).address,
);
const port = fc.integer({ min: 0, max: 65535 });
const endpoints = (ip: fc.Arbitrary<string>) =>
  fc.record({ address: ip, port }) as fc.Arbitrary<Endpoint>;

/** Random bytes, and random bytes that start like a header (so deeper paths get exercised). */
const hostileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 400 }),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from("PROXY "), b])),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([V2_SIGNATURE, b])),
  fc
    .tuple(
      fc.integer({ min: 0, max: 255 }),
      fc.integer({ min: 0, max: 255 }),
      fc.uint8Array({ maxLength: 100 }),
    )
    .map(([cmd, fam, rest]) => Buffer.concat([V2_SIGNATURE, Buffer.from([cmd, fam]), rest])),
);

function expectSane(result: ProxyParse, input: Buffer) {
  expect(["incomplete", "invalid", "complete"]).toContain(result.status);
  if (result.status === "complete") {
    expect(result.length).toBeLessThanOrEqual(input.length);
    expect(result.length).toBeLessThanOrEqual(MAX_HEADER_LENGTH);
  }
  // Never wait for more than a header's worth of bytes.
  if (result.status === "incomplete") expect(input.length).toBeLessThan(MAX_HEADER_LENGTH);
}

describe("PROXY header parser (fast-check)", () => {
  it("never throws on random bytes, and a verdict does not change when more bytes arrive (2,000 runs)", () => {
    fc.assert(
      fc.property(hostileBytes, fc.uint8Array({ maxLength: 50 }), (bytes, more) => {
        const input = Buffer.from(bytes);
        const first = parseProxyHeader(input);
        expectSane(first, input);
        const longer = Buffer.concat([input, more]);
        const second = parseProxyHeader(longer);
        expectSane(second, longer);
        if (first.status !== "incomplete") expect(second).toEqual(first);
      }),
      { numRuns: 2000 },
    );
  });

  it("parses v1 and v2 headers, IPv4 and IPv6, whatever follows them (1,000 runs)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(endpoints(ipv4), endpoints(ipv4)),
          fc.tuple(endpoints(ipv6), endpoints(ipv6)),
        ),
        fc.boolean(),
        fc.uint8Array({ maxLength: 64 }),
        ([source, destination], v2, trailing) => {
          const header = v2 ? proxyV2(source, destination) : proxyV1(source, destination);
          const result = parseProxyHeader(Buffer.concat([header, trailing]));
          expect(result).toEqual({
            status: "complete",
            header: { version: v2 ? 2 : 1, source, destination },
            length: header.length,
          });
          // Every strict prefix is "need more", never a wrong verdict.
          for (let cut = 0; cut < header.length; cut++)
            expect(parseProxyHeader(header.subarray(0, cut)).status).toBe("incomplete");
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("knows the examples from the specification, and refuses what it must", () => {
    const parse = (s: string | Buffer) => parseProxyHeader(Buffer.from(s));
    expect(parse("PROXY TCP4 255.255.255.255 255.255.255.255 65535 65535\r\n")).toMatchObject({
      status: "complete",
      header: { source: { address: "255.255.255.255", port: 65535 } },
    });
    expect(parse("PROXY UNKNOWN\r\n")).toMatchObject({
      status: "complete",
      header: { version: 1, source: null },
    });
    const local = proxyV2(
      { address: "10.0.0.1", port: 1 },
      { address: "10.0.0.2", port: 2 },
      { command: "LOCAL" },
    );
    expect(parseProxyHeader(local)).toMatchObject({ status: "complete", header: { source: null } });
    const withTlv = proxyV2(
      { address: "192.0.2.7", port: 4000 },
      { address: "192.0.2.1", port: 25 },
      { tlv: Buffer.from([0x04, 0x00, 0x03, 0x61, 0x62, 0x63]) },
    );
    expect(parseProxyHeader(withTlv)).toMatchObject({
      status: "complete",
      length: withTlv.length,
      header: { source: { address: "192.0.2.7", port: 4000 } },
    });
    for (const bad of [
      "EHLO client.example\r\n",
      "PROXY TCP4 1.2.3.4 5.6.7.8 80\r\n",
      "PROXY TCP4 1.2.3.4 5.6.7.8 80 65536\r\n",
      "PROXY TCP4 1.2.3.4 5.6.7.8 080 25\r\n",
      "PROXY TCP4 ::1 ::1 80 25\r\n",
      "PROXY TCP6 1.2.3.4 5.6.7.8 80 25\r\n",
      "PROXY TCP4 1.2.3.4\n5.6.7.8 80 25\r\n",
      `PROXY TCP4 ${"1".repeat(200)}`,
    ])
      expect(parse(bad).status, JSON.stringify(bad)).toBe("invalid");
    const tooLong = Buffer.concat([V2_SIGNATURE, Buffer.from([0x21, 0x11, 0xff, 0xff])]);
    expect(parseProxyHeader(tooLong)).toMatchObject({ status: "invalid" });
    const udp = proxyV2({ address: "1.2.3.4", port: 1 }, { address: "1.2.3.5", port: 2 });
    udp[13] = 0x12;
    expect(parseProxyHeader(udp)).toMatchObject({ status: "invalid" });
  });
});

describe("PROXY header reader on a socket", () => {
  let server: net.Server;
  let serverPort = 0;
  const accepted: Array<(s: net.Socket) => void> = [];
  beforeAll(async () => {
    server = net.createServer((socket) => accepted.shift()?.(socket));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    serverPort = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  /** Connects, writes the chunks (ending the connection or not), returns the server side. */
  async function pair(chunks: Buffer[], end: boolean): Promise<net.Socket> {
    const serverSide = new Promise<net.Socket>((r) => accepted.push(r));
    const client = net.connect(serverPort, "127.0.0.1");
    client.on("error", () => {});
    await new Promise<void>((r) => client.once("connect", () => r()));
    for (const c of chunks) client.write(c);
    if (end) client.end();
    const socket = await serverSide;
    socket.on("error", () => {});
    socket.once("close", () => client.destroy());
    return socket;
  }

  it("always settles on hostile input, ended or left open (150 runs)", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes, fc.boolean(), async (bytes, end) => {
        const socket = await pair([Buffer.from(bytes)], end);
        const outcome = await readProxyHeader(socket, 150).then(
          () => "header",
          (error: Error) => (error instanceof ProxyHeaderError ? "refused" : "error"),
        );
        expect(["header", "refused", "error"]).toContain(outcome);
        socket.destroy();
      }),
      { numRuns: 150 },
    );
  });

  it("leaves the bytes after the header to the protocol, even when they came in the same packet", async () => {
    const header = proxyV2(
      { address: "198.51.100.20", port: 5555 },
      { address: "127.0.0.1", port: 25 },
    );
    const socket = await pair([Buffer.concat([header, Buffer.from("EHLO x\r\n")])], false);
    await expect(readProxyHeader(socket, 1000)).resolves.toMatchObject({
      source: { address: "198.51.100.20", port: 5555 },
    });
    const rest = await new Promise<string>((r) => {
      socket.once("data", (d: Buffer) => r(d.toString()));
      socket.resume();
    });
    expect(rest).toBe("EHLO x\r\n");
    socket.destroy();
  });
});

describe("trusted proxy peers", () => {
  it("matches addresses and CIDRs, IPv4 seen through a dual-stack socket included", () => {
    const trusted = trustedPeers(["127.0.0.0/8", "::1", "10.1.0.0/16", "192.0.2.7"]);
    for (const ok of [
      "127.0.0.1",
      "127.9.9.9",
      "::1",
      "::ffff:127.0.0.1",
      "10.1.200.3",
      "192.0.2.7",
    ])
      expect(trusted(ok), ok).toBe(true);
    for (const no of ["10.2.0.1", "192.0.2.8", "2001:db8::1", "", undefined, "garbage"])
      expect(trusted(no), String(no)).toBe(false);
  });
});
