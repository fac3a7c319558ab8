// PROXY protocol v1 (text) and v2 (binary) header parsing, as a load balancer in front of the
// mail listeners sends it (haproxy.org/download/2.9/doc/proxy-protocol.txt). Pure: give it the
// bytes received so far; it says "need more", "not a valid header", or where the header ends.
import { isIP, SocketAddress } from "node:net";

export type ProxyEndpoint = { address: string; port: number };

export type ProxyHeader = {
  version: 1 | 2;
  /**
   * The client as the proxy saw it; null for LOCAL (the proxy's own health check) and for
   * UNKNOWN / unspecified families, where the receiver must use the real peer instead.
   */
  source: ProxyEndpoint | null;
  destination: ProxyEndpoint | null;
};

export type ProxyParse =
  | { status: "incomplete" }
  | { status: "invalid"; reason: string }
  | { status: "complete"; header: ProxyHeader; length: number };

/** v1: "a 108-byte buffer is always enough to store all the line and a trailing zero". */
export const V1_MAX_LENGTH = 107;
export const V2_SIGNATURE = Buffer.from([
  0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a,
]);
const V2_FIXED_LENGTH = 16;
/** Addresses (at most 216 octets, AF_UNIX) plus TLVs; anything longer is refused. */
export const V2_MAX_PAYLOAD = 1024;
export const MAX_HEADER_LENGTH = V2_FIXED_LENGTH + V2_MAX_PAYLOAD;

const V1_PREFIX = Buffer.from("PROXY ", "latin1");

export function parseProxyHeader(data: Buffer): ProxyParse {
  if (data.length === 0) return { status: "incomplete" };
  if (data[0] === V1_PREFIX[0]) return parseV1(data);
  if (data[0] === V2_SIGNATURE[0]) return parseV2(data);
  return invalid("no PROXY header");
}

const invalid = (reason: string): ProxyParse => ({ status: "invalid", reason });

/** The bytes so far agree with `expected` as far as both go. */
function startsLike(data: Buffer, expected: Buffer): boolean {
  const n = Math.min(data.length, expected.length);
  return data.subarray(0, n).equals(expected.subarray(0, n));
}

// ---- v1 ----------------------------------------------------------------------------------------

function parseV1(data: Buffer): ProxyParse {
  if (!startsLike(data, V1_PREFIX)) return invalid("no PROXY header");
  const end = data.subarray(0, V1_MAX_LENGTH).indexOf("\r\n");
  if (end === -1)
    return data.length >= V1_MAX_LENGTH ? invalid("v1 line too long") : { status: "incomplete" };
  const line = data.subarray(0, end).toString("latin1");
  const fields = line.split(" ");
  const protocol = fields[1];
  if (protocol === "UNKNOWN") return { status: "complete", header: unknown(1), length: end + 2 };
  if ((protocol !== "TCP4" && protocol !== "TCP6") || fields.length !== 6)
    return invalid("v1 header malformed");
  const family = protocol === "TCP4" ? 4 : 6;
  const [, , srcAddress, dstAddress, srcPort, dstPort] = fields;
  const source = v1Endpoint(srcAddress, srcPort, family);
  const destination = v1Endpoint(dstAddress, dstPort, family);
  if (!source || !destination) return invalid("v1 address or port malformed");
  return { status: "complete", header: { version: 1, source, destination }, length: end + 2 };
}

function v1Endpoint(address: string, port: string, family: 4 | 6): ProxyEndpoint | null {
  if (isIP(address) !== family || !/^(0|[1-9]\d{0,4})$/.test(port)) return null;
  const number = Number(port);
  if (number > 65535) return null;
  return { address: family === 6 ? normaliseV6(address) : address, port: number };
}

// ---- v2 ----------------------------------------------------------------------------------------

const COMMAND_LOCAL = 0x0;
const COMMAND_PROXY = 0x1;
const FAMILY_INET = 0x1;
const FAMILY_INET6 = 0x2;
const TRANSPORT_STREAM = 0x1;

function parseV2(data: Buffer): ProxyParse {
  if (!startsLike(data, V2_SIGNATURE)) return invalid("no PROXY header");
  if (data.length < V2_FIXED_LENGTH) return { status: "incomplete" };
  const versionCommand = data[12];
  if (versionCommand >> 4 !== 2) return invalid("v2 version unsupported");
  const command = versionCommand & 0x0f;
  if (command !== COMMAND_LOCAL && command !== COMMAND_PROXY)
    return invalid("v2 command unsupported");
  const payloadLength = data.readUInt16BE(14);
  if (payloadLength > V2_MAX_PAYLOAD) return invalid("v2 header too long");
  const length = V2_FIXED_LENGTH + payloadLength;
  if (data.length < length) return { status: "incomplete" };
  // LOCAL: the proxy speaking for itself; the addresses, if any, are to be ignored.
  if (command === COMMAND_LOCAL) return { status: "complete", header: unknown(2), length };

  const family = data[13] >> 4;
  const transport = data[13] & 0x0f;
  const payload = data.subarray(V2_FIXED_LENGTH, length);
  if (family !== FAMILY_INET && family !== FAMILY_INET6)
    // AF_UNSPEC / AF_UNIX: nothing we can use as a client address; the peer stands in.
    return { status: "complete", header: unknown(2), length };
  if (transport !== TRANSPORT_STREAM) return invalid("v2 transport is not a stream");
  const addressBytes = family === FAMILY_INET ? 4 : 16;
  if (payload.length < addressBytes * 2 + 4) return invalid("v2 address block too short");
  const address = (offset: number) => {
    const raw = payload.subarray(offset, offset + addressBytes);
    return family === FAMILY_INET ? [...raw].join(".") : normaliseV6(v6Groups(raw));
  };
  const source = { address: address(0), port: payload.readUInt16BE(addressBytes * 2) };
  const destination = {
    address: address(addressBytes),
    port: payload.readUInt16BE(addressBytes * 2 + 2),
  };
  return { status: "complete", header: { version: 2, source, destination }, length };
}

function unknown(version: 1 | 2): ProxyHeader {
  return { version, source: null, destination: null };
}

function v6Groups(raw: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(raw.readUInt16BE(i).toString(16));
  return groups.join(":");
}

/** The same spelling Node gives socket.remoteAddress ("2001:db8::1", "::ffff:127.0.0.1"). */
function normaliseV6(address: string): string {
  return new SocketAddress({ address, family: "ipv6" }).address;
}
