// Rows of a query as raw bytes: `COPY (query) TO STDOUT (FORMAT binary)` on the shared pg pool.
// Why not a plain query: in text mode PostgreSQL sends bytea as hex (twice the bytes, encoded
// by the server and decoded by us), and pg's `binary: true` result mode is not usable: pg-protocol
// 1.16 decodes every DataRow field as UTF-8 text before handing it over, so bytes that are not
// valid UTF-8 come back replaced (node-postgres issue #3495). COPY data is the one path where pg
// hands over the bytes as they arrived. COPY takes no bind parameters: callers inline integers
// only, through sqlInt / sqlIntArray, which refuse anything else.
import { pgPool } from "./client";

/** How one column of the COPY row is decoded (PostgreSQL's binary send format of that type). */
export type BinaryColumn = "int4" | "int8" | "bool" | "text" | "text[]" | "timestamp" | "bytea";

type ColumnValue<C extends BinaryColumn> = C extends "int4"
  ? number
  : C extends "int8"
    ? bigint
    : C extends "bool"
      ? boolean
      : C extends "text"
        ? string
        : C extends "text[]"
          ? string[]
          : C extends "timestamp"
            ? Date
            : Buffer;

export type BinaryRow<Columns extends readonly BinaryColumn[]> = {
  [K in keyof Columns]: ColumnValue<Columns[K]> | null;
};

/** PostgreSQL's timestamps count microseconds from 2000-01-01 UTC. */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** Signature, flags (int32), header extension length (int32). */
const HEADER_BYTES = SIGNATURE.length + 8;

/** An integer for inlining into COPY's SQL text (never a string: nothing to escape). */
export function sqlInt(value: number): string {
  if (!Number.isSafeInteger(value)) throw new TypeError(`not an integer: ${value}`);
  return String(value);
}

/** An int[] literal for inlining, e.g. ARRAY[1,2,3]::int[]. */
export function sqlIntArray(values: readonly number[]): string {
  return `ARRAY[${values.map(sqlInt).join(",")}]::int[]`;
}

/**
 * Decodes the binary COPY stream message by message. The server sends one row per CopyData
 * message, so normally each message is decoded on its own; a row split over messages (allowed by
 * the protocol) is carried over. Field bytes are copied out at once: pg's parser may reuse the
 * buffer a CopyData message points into once the message has been handled.
 */
export class BinaryCopyDecoder<Columns extends readonly BinaryColumn[]> {
  readonly rows: Array<BinaryRow<Columns>> = [];
  private pending: Buffer | null = null;
  private headerSeen = false;
  private ended = false;

  constructor(private readonly columns: Columns) {}

  push(chunk: Buffer): void {
    const data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let at = 0;
    if (!this.headerSeen) {
      const extension = data.length >= HEADER_BYTES ? data.readUInt32BE(HEADER_BYTES - 4) : 0;
      if (data.length < HEADER_BYTES + extension) {
        this.pending = data.length > 0 ? Buffer.from(data) : null;
        return;
      }
      if (!data.subarray(0, SIGNATURE.length).equals(SIGNATURE))
        throw new Error("COPY BINARY: bad signature");
      at = HEADER_BYTES + extension;
      this.headerSeen = true;
    }
    while (!this.ended && at < data.length) {
      const next = this.row(data, at);
      if (next === -1) break;
      at = next;
    }
    if (at < data.length && !this.ended) this.pending = Buffer.from(data.subarray(at));
  }

  finish(): void {
    if (!this.ended || this.pending) throw new Error("COPY BINARY: truncated data");
  }

  /** Decodes one row starting at `at`; the offset after it, or -1 when it is not all here. */
  private row(data: Buffer, at: number): number {
    if (data.length - at < 2) return -1;
    const count = data.readInt16BE(at);
    if (count === -1) {
      this.ended = true;
      return at + 2;
    }
    if (count !== this.columns.length)
      throw new Error(`COPY BINARY: ${count} columns, expected ${this.columns.length}`);
    // Check the whole row is present before copying anything out of it.
    let end = at + 2;
    for (let i = 0; i < count; i++) {
      if (data.length - end < 4) return -1;
      const length = data.readInt32BE(end);
      end += 4 + Math.max(length, 0);
      if (end > data.length) return -1;
    }
    const row: unknown[] = [];
    let offset = at + 2;
    for (const column of this.columns) {
      const length = data.readInt32BE(offset);
      offset += 4;
      if (length === -1) {
        row.push(null);
        continue;
      }
      row.push(decodeField(column, data, offset, length));
      offset += length;
    }
    this.rows.push(row as BinaryRow<Columns>);
    return end;
  }
}

function decodeField(column: BinaryColumn, data: Buffer, at: number, length: number) {
  switch (column) {
    case "int4":
      return data.readInt32BE(at);
    case "int8":
      return data.readBigInt64BE(at);
    case "bool":
      return data[at] !== 0;
    case "text":
      return data.toString("utf8", at, at + length);
    case "text[]":
      return decodeTextArray(data, at);
    case "timestamp":
      // timestamp without time zone holds UTC here (as Prisma writes and reads it).
      return new Date(POSTGRES_EPOCH_MS + Number(data.readBigInt64BE(at) / 1000n));
    case "bytea":
      return Buffer.from(data.subarray(at, at + length));
  }
}

/**
 * A one-dimensional text[] in array_send's layout: dimensions, has-nulls flag, element type,
 * then (size, lower bound) per dimension and (length, bytes) per element. NULL elements are
 * left out; an empty array has no dimensions.
 */
function decodeTextArray(data: Buffer, at: number): string[] {
  const dimensions = data.readInt32BE(at);
  if (dimensions === 0) return [];
  if (dimensions !== 1) throw new Error("COPY BINARY: multi-dimensional text[]");
  const count = data.readInt32BE(at + 12);
  const values: string[] = [];
  let offset = at + 20;
  for (let i = 0; i < count; i++) {
    const length = data.readInt32BE(offset);
    offset += 4;
    if (length === -1) continue;
    values.push(data.toString("utf8", offset, offset + length));
    offset += length;
  }
  return values;
}

/** The part of pg's (untyped) Connection a query talks to. */
type PgConnection = { query(text: string): void; sendCopyFail(message: string): void };

/** What pg's Client drives: submit() sends the query, the handle* methods receive the answer. */
class BinaryCopyQuery<Columns extends readonly BinaryColumn[]> {
  callback?: (error: Error | null, rows?: Array<BinaryRow<Columns>>) => void;
  private readonly decoder: BinaryCopyDecoder<Columns>;
  private failure: Error | null = null;

  constructor(
    private readonly text: string,
    columns: Columns,
  ) {
    this.decoder = new BinaryCopyDecoder(columns);
  }

  submit(connection: PgConnection): void {
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    if (this.failure) return;
    try {
      this.decoder.push(message.chunk);
    } catch (error) {
      this.failure = error as Error;
    }
  }

  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: PgConnection): void {
    connection.sendCopyFail("not a COPY FROM");
  }

  handleError(error: Error): void {
    this.done(error);
  }

  handleReadyForQuery(): void {
    if (!this.failure) {
      try {
        this.decoder.finish();
      } catch (error) {
        this.failure = error as Error;
      }
    }
    this.done(this.failure);
  }

  private done(error: Error | null) {
    const callback = this.callback;
    this.callback = undefined;
    if (error) callback?.(error);
    else callback?.(null, this.decoder.rows);
  }
}

/**
 * Runs `COPY (select) TO STDOUT (FORMAT binary)` and decodes each row by `columns` (one entry
 * per selected column, in order; cast in SQL to the type named, e.g. `uid::int4`).
 */
export async function copyBinaryRows<const Columns extends readonly BinaryColumn[]>(
  select: string,
  columns: Columns,
): Promise<Array<BinaryRow<Columns>>> {
  const query = new BinaryCopyQuery(`COPY (${select}) TO STDOUT (FORMAT binary)`, columns);
  // pg-pool hands a submittable to a client with a callback and releases the client after it.
  const rows = await (pgPool().query(query as never) as unknown as Promise<
    Array<BinaryRow<Columns>>
  >);
  return rows;
}
