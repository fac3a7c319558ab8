// Sequence sets ("1:4,7,9:*", RFC 3501 §9) resolved against a session's view of its folder.
import { ParseError } from "./tokens";

type Range = [number, number];

export function parseSequenceSet(text: string, star: number): Range[] {
  if (!/^(\d+|\*)(:(\d+|\*))?(,(\d+|\*)(:(\d+|\*))?)*$/.test(text))
    throw new ParseError("Invalid sequence set");
  return text.split(",").map((item) => {
    const [a, b = a] = item.split(":").map((n) => (n === "*" ? star : Number(n)));
    if (a === 0 || b === 0) throw new ParseError("Invalid sequence number 0");
    return a <= b ? [a, b] : [b, a];
  });
}

/** UIDs present in `uids` (ascending) that fall in the ranges. */
export function uidsInRanges(ranges: Range[], uids: readonly number[]): number[] {
  return uids.filter((uid) => ranges.some(([lo, hi]) => uid >= lo && uid <= hi));
}

/** "1:3,5" from ascending numbers. */
export function compressSet(numbers: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < numbers.length;) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    out.push(i === j ? String(numbers[i]) : `${numbers[i]}:${numbers[j]}`);
    i = j + 1;
  }
  return out.join(",");
}

/** "1:3,5" from ascending, non-overlapping ranges. */
export function formatRanges(ranges: readonly Range[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}:${hi}`)).join(",");
}
