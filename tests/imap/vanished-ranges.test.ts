// The UID range arithmetic behind VANISHED answers: gaps below UIDNEXT (the full-resync answer),
// merging a client's unordered sequence set, and intersecting with it.
import { describe, expect, it } from "vitest";
import {
  gapsBelow,
  intersectRanges,
  mergeRanges,
  uidRanges,
} from "@/lib/server/imap/vanished-uids";

describe("VANISHED UID ranges", () => {
  it("finds every UID below UIDNEXT that is not present", () => {
    expect(gapsBelow([1, 3, 4, 6, 8], 9)).toEqual([
      [2, 2],
      [5, 5],
      [7, 7],
    ]);
    expect(gapsBelow([], 5)).toEqual([[1, 4]]);
    expect(gapsBelow([3, 4], 10)).toEqual([
      [1, 2],
      [5, 9],
    ]);
    expect(gapsBelow([1, 2, 3], 4)).toEqual([]);
    expect(gapsBelow([], 1)).toEqual([]);
  });

  it("merges unordered, overlapping and adjacent ranges", () => {
    expect(
      mergeRanges([
        [9, 7],
        [1, 2],
        [3, 3],
        [8, 12],
      ]),
    ).toEqual([
      [1, 3],
      [7, 12],
    ]);
    expect(uidRanges([1, 2, 2, 3, 5])).toEqual([
      [1, 3],
      [5, 5],
    ]);
  });

  it("keeps only what the client asked about", () => {
    const vanished: Array<[number, number]> = [
      [2, 4],
      [7, 7],
      [10, 20],
    ];
    expect(
      intersectRanges(vanished, [
        [15, 30],
        [1, 3],
      ]),
    ).toEqual([
      [2, 3],
      [15, 20],
    ]);
    expect(intersectRanges(vanished, [[5, 6]])).toEqual([]);
    expect(intersectRanges(vanished, [[1, 4294967295]])).toEqual(vanished);
  });
});
