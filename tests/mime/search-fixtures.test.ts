// search.json's SEARCH results reproduced from headerValues / headerText / bodyText / sentDay
// by a small test-side matcher (the real SEARCH evaluator lives in the IMAP server). Every
// query in the recording uses only keys that depend on those (and on the size).
import { describe, expect, it } from "vitest";
import {
  bodyText,
  headerText,
  headerValues,
  parseMessage,
  sentDay,
  type ParsedMessage,
} from "@/lib/server/mime";
import { bytes, messageFixtures, searchFixture } from "./support/fixtures";

type Message = { parsed: ParsedMessage; size: number };

/** Atoms, quoted strings and {n} literals of a SEARCH command, as UTF-8 text. */
function searchArguments(command: Buffer): string[] {
  const items: string[] = [];
  let position = command.indexOf(" ") + 1;
  while (position < command.length) {
    const char = command[position]!;
    if (char === 0x20 || char === 0x0d || char === 0x0a) {
      position++;
    } else if (char === 0x22) {
      const end = command.indexOf('"', position + 1);
      items.push(command.toString("utf8", position + 1, end));
      position = end + 1;
    } else if (char === 0x7b) {
      const close = command.indexOf("}", position);
      const length = Number(command.toString("latin1", position + 1, close));
      const start = close + 3;
      items.push(command.toString("utf8", start, start + length));
      position = start + length;
    } else {
      let end = position;
      while (end < command.length && ![0x20, 0x0d, 0x0a].includes(command[end]!)) end++;
      items.push(command.toString("utf8", position, end));
      position = end;
    }
  }
  return items;
}

const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

function contains(haystack: string, needle: string): boolean {
  return haystack.toLowerCase().includes(needle.toLowerCase());
}

/** Evaluates one search key from args, consuming its arguments. */
function matches(message: Message, args: string[]): boolean {
  const key = args.shift()!.toUpperCase();
  const { parsed } = message;
  switch (key) {
    case "NOT":
      return !matches(message, args);
    case "SUBJECT":
    case "FROM":
    case "TO":
    case "CC":
    case "BCC": {
      const needle = args.shift()!;
      return headerValues(parsed, key).some((value) => contains(value, needle));
    }
    case "HEADER": {
      const name = args.shift()!;
      const needle = args.shift()!;
      return headerValues(parsed, name).some((value) => contains(value, needle));
    }
    case "BODY":
      return contains(bodyText(parsed), args.shift()!);
    case "TEXT": {
      const needle = args.shift()!;
      return contains(headerText(parsed), needle) || contains(bodyText(parsed), needle);
    }
    case "LARGER":
      return message.size > Number(args.shift());
    case "SMALLER":
      return message.size < Number(args.shift());
    case "SENTON": {
      const [day, month, year] = args.shift()!.split("-");
      const wanted = Date.UTC(Number(year), MONTHS.indexOf(month!), Number(day));
      return sentDay(parsed)?.getTime() === wanted;
    }
    default:
      throw new Error(`test matcher does not know ${key}`);
  }
}

describe("SEARCH text keys over the Dovecot fixtures", () => {
  const recording = searchFixture();
  const byFile = new Map(
    messageFixtures().map((fixture) => [
      fixture.file,
      { parsed: parseMessage(fixture.raw), size: fixture.raw.length },
    ]),
  );
  const sequence = Object.entries(recording.sequence_number_to_file).map(
    ([number, file]) => [Number(number), byFile.get(file)!] as const,
  );

  it("covers all 30 messages and 24 queries", () => {
    expect(sequence.filter(([, message]) => message)).toHaveLength(30);
    expect(recording.searches).toHaveLength(24);
  });

  for (const search of recording.searches) {
    it(`${search.description}`, () => {
      const args = searchArguments(bytes(search.command));
      if (args[0]?.toUpperCase() === "CHARSET") args.splice(0, 2);
      const found = sequence
        .filter(([, message]) => {
          const remaining = [...args];
          let all = true;
          while (remaining.length > 0) all = matches(message, remaining) && all;
          return all;
        })
        .map(([number]) => number);
      const line = /\* SEARCH([ \d]*)\r\n/.exec(search.response);
      const expected = line![1]!.trim() === "" ? [] : line![1]!.trim().split(" ").map(Number);
      expect(found).toEqual(expected);
    });
  }
});
