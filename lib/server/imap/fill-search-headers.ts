// Stores the SEARCH header entries of messages saved before the "searchHeaders" column existed
// (the migration cannot decode RFC 2047 in SQL). SEARCH calls this for the rows it had to read
// from their bytes, so each old message is parsed once and answered in SQL from then on.
import { pgPool } from "@/lib/server/db/client";
import { parseMessage, searchHeaders } from "@/lib/server/mime";
import { asBuffer, contentColumn } from "./message-content-sql";

const BATCH = 500;

export async function fillSearchHeaders(options: { folderId: number; uids: number[] }) {
  const header = contentColumn("header");
  for (let i = 0; i < options.uids.length; i += BATCH) {
    const slice = options.uids.slice(i, i + BATCH);
    const { rows } = await pgPool().query<{ uid: number; content: Uint8Array }>(
      `SELECT uid, ${header.text} FROM "Message"
       WHERE "folderId" = $1 AND uid = ANY($2::int[]) AND "searchHeaders" IS NULL`,
      [options.folderId, slice],
    );
    const filled = rows
      .map((r) => ({ uid: r.uid, entries: searchHeaders(parseMessage(asBuffer(r.content)!)) }))
      .filter((r) => r.entries !== null);
    if (filled.length === 0) continue;
    await pgPool().query(
      `UPDATE "Message" m SET "searchHeaders" = v.entries
       FROM jsonb_to_recordset($2::jsonb) AS v (uid int, entries text[])
       WHERE m."folderId" = $1 AND m.uid = v.uid AND m."searchHeaders" IS NULL`,
      [options.folderId, JSON.stringify(filled)],
    );
  }
}
