// PROXY protocol headers as a load balancer writes them, built independently of our parser.
import { isIP } from "node:net";

export type Endpoint = { address: string; port: number };

export function proxyV1(source: Endpoint, destination: Endpoint): Buffer {
  const family = isIP(source.address) === 6 ? "TCP6" : "TCP4";
  return Buffer.from(
    `PROXY ${family} ${source.address} ${destination.address} ${source.port} ${destination.port}\r\n`,
    "latin1",
  );
}

const SIGNATURE = [0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a];

/** "2001:db8::7" → 16 bytes. */
function v6Bytes(address: string): number[] {
  const [head, tail = ""] = address.split("::");
  const groups = (s: string) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = address.includes("::") ? groups(tail) : [];
  const all = [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

export function proxyV2(
  source: Endpoint,
  destination: Endpoint,
  options: { command?: "PROXY" | "LOCAL"; tlv?: Buffer } = {},
): Buffer {
  const v6 = isIP(source.address) === 6;
  const address = (a: string) => (v6 ? v6Bytes(a) : a.split(".").map(Number));
  const port = (p: number) => [p >> 8, p & 0xff];
  const body = Buffer.concat([
    Buffer.from([
      ...address(source.address),
      ...address(destination.address),
      ...port(source.port),
      ...port(destination.port),
    ]),
    options.tlv ?? Buffer.alloc(0),
  ]);
  const command = options.command === "LOCAL" ? 0x20 : 0x21;
  const family = v6 ? 0x21 : 0x11; // INET6 / INET, STREAM
  return Buffer.concat([
    Buffer.from(SIGNATURE),
    Buffer.from([command, family, body.length >> 8, body.length & 0xff]),
    body,
  ]);
}
