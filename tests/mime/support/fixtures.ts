// Loads the Dovecot 2.3.19 recordings in shared/fixtures/imap-dovecot (see its README.md).
// Strings in the JSON are raw bytes decoded as Latin-1.
import fs from "node:fs";
import path from "node:path";

export const fixturesDirectory =
  process.env.IMAP_FIXTURES ?? path.resolve("../shared/fixtures/imap-dovecot");

export type Fetch = { tag: string; command: string; response: string };

export type MessageFixture = {
  file: string;
  description: string;
  file_size: number;
  sequence_number: number;
  fetches: Fetch[];
};

export type SearchFixture = {
  sequence_number_to_file: Record<string, string>;
  searches: Array<{ description: string; aimed_at: string[]; command: string; response: string }>;
};

export function messageFixtures(): Array<MessageFixture & { raw: Buffer }> {
  return fs
    .readdirSync(fixturesDirectory)
    .filter((name) => name.endsWith(".json") && name !== "search.json")
    .sort()
    .map((name) => {
      const fixture = JSON.parse(
        fs.readFileSync(path.join(fixturesDirectory, name), "utf8"),
      ) as MessageFixture;
      return { ...fixture, raw: fs.readFileSync(path.join(fixturesDirectory, fixture.file)) };
    });
}

export function searchFixture(): SearchFixture {
  return JSON.parse(
    fs.readFileSync(path.join(fixturesDirectory, "search.json"), "utf8"),
  ) as SearchFixture;
}

export function bytes(latin1: string): Buffer {
  return Buffer.from(latin1, "latin1");
}

/** The untagged FETCH line(s) of a response, without "* N FETCH " and the tagged OK. */
export function fetchItems(response: string): Buffer {
  const untagged = bytes(response);
  const taggedOk = untagged.lastIndexOf("\r\nT");
  const body = untagged.subarray(0, taggedOk);
  const prefix = /^\* \d+ FETCH /.exec(body.toString("latin1"));
  return body.subarray(prefix ? prefix[0].length : 0);
}
