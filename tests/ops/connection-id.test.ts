// Connection ids come from a pool of random bytes: they must stay distinct across refills and
// keep the log format the ops checks expect.
import { describe, expect, it } from "vitest";
import { newConnectionId } from "@/mailserver/logging/connection-id";

describe("newConnectionId", () => {
  it("gives distinct 8-character base64url ids, also across pool refills", () => {
    const ids = Array.from({ length: 5_000 }, () => newConnectionId());
    for (const id of ids) expect(id).toMatch(/^[\w-]{8}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
