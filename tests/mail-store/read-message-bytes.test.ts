// Message bytes read through binary COPY (lib/server/mail-store/read-message-bytes.ts) are the
// stored bytes exactly, whatever they hold (every byte value, NUL runs, bare CR and LF), whole,
// as header, and in slices across a multi-megabyte message; the metadata FETCH reads beside them
// equals what Prisma reads; and the COPY decoder gives the same rows however the stream is cut.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db/client";
import {
  BinaryCopyDecoder,
  sqlInt,
  sqlIntArray,
  type BinaryColumn,
} from "@/lib/server/db/copy-binary-rows";
import { addDomain } from "@/lib/server/domain/add-domain";
import { addMailbox } from "@/lib/server/mailbox/add-mailbox";
import { deliverMessage } from "@/lib/server/mail-store/deliver-message";
import {
  MESSAGE_SLICE_BYTES,
  readMessageBytes,
  readMessagesWithMetadata,
} from "@/lib/server/mail-store/read-message-bytes";

const actor = { type: "system" as const };

/** A header, then every byte value in turn (NULs, 0x80–0xFF, bare CR, bare LF) to `size`. */
function binaryMessage(size: number, seed: number): Buffer {
  const header = Buffer.from(`Subject: binary ${seed}\r\nX-Seed: ${seed}\r\n\r\n`);
  const body = Buffer.alloc(size - header.length);
  for (let i = 0; i < body.length; i++) body[i] = (i + seed + (i >> 11)) & 0xff;
  body.fill(0, 100, 164); // a run of NULs
  return Buffer.concat([header, body]);
}

const small = binaryMessage(3000, 1);
const large = binaryMessage(2 * MESSAGE_SLICE_BYTES + 12_345, 2);
const text = Buffer.from("Subject: plain\r\n\r\nhello\r\n");
let folderId = 0;
const uids: number[] = [];

beforeAll(async () => {
  await addDomain({ name: "bytes.test", actor });
  const mailbox = await addMailbox({ address: "b@bytes.test", password: "Long Enough 123", actor });
  for (const raw of [small, large, text]) {
    const stored = await deliverMessage({ mailboxId: mailbox.id, raw });
    folderId = stored.folderId;
    uids.push(stored.uid);
  }
}, 60_000);

describe("readMessageBytes", () => {
  it("gives every message byte for byte, several in one read, in UID order, none for a UID gone", async () => {
    const rows = await readMessageBytes({
      folderId,
      uids: [uids[2], 999_999, uids[0], uids[1]],
      part: "raw",
    });
    expect(rows.map((r) => r.uid)).toEqual(uids);
    expect(rows[0].bytes!.equals(small)).toBe(true);
    expect(rows[1].bytes!.equals(large)).toBe(true);
    expect(rows[2].bytes!.equals(text)).toBe(true);
  });

  it("reads a multi-megabyte message in slices that join to the stored bytes", async () => {
    const parts: Buffer[] = [];
    for (let offset = 0; offset < large.length; offset += MESSAGE_SLICE_BYTES) {
      const [row] = await readMessageBytes({
        folderId,
        uids: [uids[1]],
        part: { offset, length: MESSAGE_SLICE_BYTES },
      });
      expect(row.bytes!.length).toBe(Math.min(MESSAGE_SLICE_BYTES, large.length - offset));
      parts.push(row.bytes!);
    }
    expect(parts.length).toBe(3);
    expect(Buffer.concat(parts).equals(large)).toBe(true);
    const [past] = await readMessageBytes({
      folderId,
      uids: [uids[1]],
      part: { offset: large.length, length: 10 },
    });
    expect(past.bytes!.length).toBe(0);
  });

  it("reads the first slice of several messages at once (POP3 read-ahead)", async () => {
    const rows = await readMessageBytes({ folderId, uids, part: { offset: 0, length: 2048 } });
    expect(
      rows.map((r) => r.bytes!.equals([small, large, text][uids.indexOf(r.uid)].subarray(0, 2048))),
    ).toEqual([true, true, true]);
  });

  it("reads only the header, or nothing, when asked", async () => {
    const [header] = await readMessageBytes({ folderId, uids: [uids[0]], part: "header" });
    expect(header.bytes!.toString("latin1")).toBe("Subject: binary 1\r\nX-Seed: 1\r\n\r\n");
    const [none] = await readMessageBytes({ folderId, uids: [uids[0]], part: "none" });
    expect(none).toEqual({ uid: uids[0], bytes: null });
  });
});

describe("readMessagesWithMetadata", () => {
  it("reads flags, modseq, dates, sizes and stored IMAP fields as Prisma does", async () => {
    // Values the binary decoders must get right: keywords beyond ASCII, an empty and a NULL
    // flag array, a date before 2000 with milliseconds, a modseq beyond 32 bits.
    await db().$executeRaw`UPDATE "Message" SET flags = ARRAY['\\Seen', '$Label1', 'Ünïcødé'],
      modseq = 1099511627777, "internalDate" = '1999-12-31 23:59:58.123'
      WHERE "folderId" = ${folderId} AND uid = ${uids[0]}`;
    await db().$executeRaw`UPDATE "Message" SET flags = NULL, "imapEnvelope" = NULL
      WHERE "folderId" = ${folderId} AND uid = ${uids[2]}`;
    const rows = await readMessagesWithMetadata({ folderId, uids, part: "header" });
    const expected = await db().message.findMany({
      where: { folderId },
      orderBy: { uid: "asc" },
      select: {
        uid: true,
        flags: true,
        modseq: true,
        internalDate: true,
        size: true,
        imapEnvelope: true,
        imapBodyStructure: true,
        imapBody: true,
      },
    });
    expect(rows.map(({ bytes: _bytes, ...meta }) => meta)).toEqual(
      expected.map((e) => ({ ...e, flags: e.flags ?? [] })),
    );
    expect(rows[0].flags).toEqual(["\\Seen", "$Label1", "Ünïcødé"]);
    expect(rows[0].internalDate.toISOString()).toBe("1999-12-31T23:59:58.123Z");
    expect(rows[0].modseq).toBe(1099511627777n);
    expect(rows[1].flags).toEqual([]);
    expect(rows[2].flags).toEqual([]);
    expect(rows[2].imapEnvelope).toBeNull();
    expect(rows[1].imapBodyStructure).toMatch(/^\(/);
    expect(rows[2].bytes!.toString()).toBe("Subject: plain\r\n\r\n");
  });
});

// ---- the decoder on its own --------------------------------------------------------------------

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");

function encodeField(column: BinaryColumn, value: unknown): Buffer {
  if (value === null) return int32(-1);
  let bytes: Buffer;
  if (column === "int4") bytes = int32(value as number);
  else if (column === "text") bytes = Buffer.from(value as string);
  else {
    bytes = value as Buffer;
  }
  return Buffer.concat([int32(bytes.length), bytes]);
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function int16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
}

describe("BinaryCopyDecoder", () => {
  const columns = ["int4", "text", "bytea"] as const;
  it("decodes the same rows however the COPY stream is cut into messages", () => {
    const row = fc.tuple(
      fc.option(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
      fc.option(fc.string({ unit: "grapheme", maxLength: 20 })),
      fc.option(fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a))),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.array(fc.nat(400)), (rows, cuts) => {
        const stream = Buffer.concat([
          SIGNATURE,
          int32(0),
          int32(0),
          ...rows.map((r) =>
            Buffer.concat([int16(3), ...r.map((v, i) => encodeField(columns[i], v))]),
          ),
          int16(-1),
        ]);
        const decoder = new BinaryCopyDecoder(columns);
        let at = 0;
        for (const cut of cuts) {
          const end = Math.min(stream.length, at + cut);
          // Hand over a view into a buffer that is overwritten afterwards, as pg may do.
          const scratch = Buffer.from(stream.subarray(at, end));
          decoder.push(scratch);
          scratch.fill(0xee);
          at = end;
        }
        decoder.push(stream.subarray(at));
        decoder.finish();
        expect(decoder.rows).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a stream cut short", () => {
    const decoder = new BinaryCopyDecoder(columns);
    decoder.push(Buffer.concat([SIGNATURE, int32(0), int32(0), int16(3), int32(4)]));
    expect(() => decoder.finish()).toThrow(/truncated/);
  });
});

describe("integers inlined into COPY's SQL", () => {
  it("are integers and nothing else", () => {
    expect(sqlInt(42)).toBe("42");
    expect(sqlIntArray([1, -2, 3])).toBe("ARRAY[1,-2,3]::int[]");
    for (const bad of [1.5, NaN, Infinity, Number("1; DROP TABLE x") as number, 2 ** 60])
      expect(() => sqlInt(bad)).toThrow(TypeError);
    expect(() => sqlInt("1) TO PROGRAM 'x'" as unknown as number)).toThrow(TypeError);
  });
});
