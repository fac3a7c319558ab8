// Fuzzing at volume: the parser properties of the test suite (fast-check), run for many more
// iterations than `npm test` can afford, with the slowest single inputs (a hang shows up here)
// and the heap after garbage collection before and after each target (a leak shows up here).
//
//   npx tsx bench/fuzz-parsers.ts [iterationsPerTarget=20000] [seed]
//
// Exits 1 with the shrunk counterexample when a property fails.
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import fc from "fast-check";
import {
  bodyText,
  headerValues,
  imapBodySection,
  imapBodyStructure,
  imapEnvelope,
  parseMessage,
  searchHeaders,
  sentDate,
} from "@/lib/server/mime";
import { parseFetchItems } from "@/mailserver/imap/fetch-items";
import { parseSequenceSet } from "@/mailserver/imap/sequence-set";
import { ParseError, tokenize, type Token } from "@/mailserver/imap/tokens";
import { LineParser } from "@/mailserver/pop3/line-parser";
import { SmtpInputParser } from "@/mailserver/smtp/input-parser";
import { chunkSizes, drainImapReader, imapLikeBytes } from "../tests/support/fuzz-inputs";
import { lineBreak, mimeTree, renderMimeTree } from "../tests/mime/support/mime-arbitraries";
import { mb, summarise } from "./support/stats";

const iterations = Number(process.argv[2] ?? 20_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;

type Target<T> = { name: string; input: fc.Arbitrary<T>; run: (input: T) => unknown };
const target = <T>(t: Target<T>) => t as Target<unknown>;

/** Runs `work`, letting only the parser's own refusal (ParseError) through. */
function refusalOnly(work: () => unknown): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
  }
}

function parseImapTokens(tokens: Token[]): void {
  for (const token of tokens) {
    refusalOnly(() => parseFetchItems(token));
    if (token.type !== "list") refusalOnly(() => parseSequenceSet(token.value.toString(), 100));
  }
}

const POP3_MAX_LINE = 64;
const SMTP_MAX_LINE = 64;

function exerciseMime(raw: Buffer): void {
  const message = parseMessage(raw);
  imapEnvelope(message);
  imapBodyStructure(message, true);
  imapBodyStructure(message, false);
  for (const section of ["", "HEADER", "TEXT", "1", "1.MIME", "2.1.TEXT", "HEADER.FIELDS (FROM)"])
    imapBodySection(message, section);
  headerValues(message, "subject");
  searchHeaders(message);
  bodyText(message);
  sentDate(message);
}

const targets = [
  target({
    name: "IMAP command reader + tokenizer + FETCH items / sequence sets",
    input: fc.tuple(imapLikeBytes, chunkSizes),
    run: async ([bytes, chunks]: [Uint8Array, number[]]) => {
      for (const result of await drainImapReader(bytes, chunks)) {
        if (result.kind !== "command") continue;
        refusalOnly(() => parseImapTokens(tokenize(result.parts)));
      }
    },
  }),
  target({
    name: "POP3 line parser (random bytes, random chunks)",
    input: fc.tuple(fc.uint8Array({ maxLength: 2000 }), chunkSizes),
    run: ([bytes, chunks]: [Uint8Array, number[]]) => {
      const parser = new LineParser(POP3_MAX_LINE);
      let offset = 0;
      for (const size of [...chunks, bytes.length]) {
        parser.push(Buffer.from(bytes.subarray(offset, offset + size)));
        offset += size;
        if (parser.buffered > POP3_MAX_LINE + 1) throw new Error("line parser buffered too much");
      }
    },
  }),
  target({
    name: "SMTP command/DATA parser (random bytes, random chunks, DATA switches to a message)",
    input: fc.tuple(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), chunkSizes),
    run: ([bytes, startInData, chunks]: [Uint8Array, boolean, number[]]) => {
      const parser = new SmtpInputParser(SMTP_MAX_LINE);
      if (startInData) parser.startMessage(1000);
      let offset = 0;
      for (const size of [...chunks, bytes.length]) {
        parser.push(Buffer.from(bytes.subarray(offset, offset + size)));
        offset += size;
        for (let input = parser.next(); input; input = parser.next())
          if (input.kind === "line" && input.text.toUpperCase() === "DATA")
            parser.startMessage(1000);
        if (parser.buffered > SMTP_MAX_LINE + 1) throw new Error("SMTP parser buffered too much");
      }
    },
  }),
  target({
    name: "MIME parser, random bytes",
    input: fc.uint8Array({ maxLength: 2000 }),
    run: (bytes: Uint8Array) => exerciseMime(Buffer.from(bytes)),
  }),
  target({
    name: "MIME parser, MIME-ish messages (maybe truncated)",
    input: fc.tuple(mimeTree, lineBreak, fc.option(fc.nat())),
    run: ([tree, eol, cut]: [Parameters<typeof renderMimeTree>[0], string, number | null]) => {
      const raw = Buffer.from(renderMimeTree(tree, eol), "latin1");
      exerciseMime(cut === null ? raw : raw.subarray(0, cut % (raw.length + 1)));
    },
  }),
];

function heapAfterGc(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

async function fuzz(t: Target<unknown>) {
  const heapBefore = heapAfterGc();
  const samplesMs: number[] = [];
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(t.input, async (input) => {
      const at = performance.now();
      await t.run(input);
      samplesMs.push(performance.now() - at);
    }),
    { numRuns: iterations, seed },
  );
  const seconds = (performance.now() - started) / 1000;
  const { p99, max } = summarise(samplesMs);
  samplesMs.length = 0; // the bookkeeping itself must not count as growth
  return { seconds, p99, max, heapBefore, heapAfter: heapAfterGc() };
}

console.log(
  `fast-check, ${iterations} iterations per target, seed ${seed}, Node ${process.version}`,
);
console.log(
  "| target | iterations | seconds | inputs/s | p99 / slowest input ms | heap after GC before → after MB |",
);
console.log("| --- | --- | --- | --- | --- | --- |");
let failed = false;
for (const t of targets) {
  try {
    const r = await fuzz(t);
    console.log(
      `| ${t.name} | ${iterations} | ${r.seconds.toFixed(1)} | ${Math.round(iterations / r.seconds)} | ${r.p99.toFixed(2)} / ${r.max.toFixed(1)} | ${mb(r.heapBefore)} → ${mb(r.heapAfter)} |`,
    );
  } catch (error) {
    failed = true;
    console.log(`| ${t.name} | FAILED | | | | |`);
    console.error(error instanceof Error ? error.message : error);
  }
}
console.log(
  `README: fuzzing ${targets.length} targets × ${iterations} iterations (seed ${seed}): ${failed ? "FAILURES" : "no crash, no hang"}`,
);
process.exitCode = failed ? 1 : 0;
