import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reachableSums } from "../../optimizer/sums";

/** Every total reachable by picking one option per group, straight from the definition. */
function bruteForce(groups: number[][]): Set<number>[] {
  const stages: Set<number>[] = [];
  let prev = new Set([0]);
  for (const g of groups) {
    const next = new Set<number>();
    for (const p of prev) for (const d of g) next.add(p + d);
    stages.push(next);
    prev = next;
  }
  return stages;
}

const groupsArb = (maxValue: number) =>
  fc.array(
    fc.array(fc.integer({ min: 1, max: maxValue }), { maxLength: 4 }).map((xs) => [0, ...xs]),
    { minLength: 1, maxLength: 7 },
  );

describe("reachable sums of store discounts", () => {
  it("agree with brute force at every stage, for small values (bitset) and huge ones (list)", () => {
    for (const maxValue of [300, 3_000_000]) {
      fc.assert(
        fc.property(groupsArb(maxValue), fc.integer({ min: 0, max: 7 * maxValue }), (groups, probe) => {
          const sums = reachableSums(groups);
          const truth = bruteForce(groups);
          truth.forEach((stage, s) => {
            for (const v of stage) expect(sums.has(s, v)).toBe(true);
          });
          const last = truth[truth.length - 1] as Set<number>;
          const below = [...last].filter((v) => v <= probe);
          expect(sums.floor(probe)).toBe(below.length ? Math.max(...below) : -1);
          expect(sums.has(truth.length - 1, probe)).toBe(last.has(probe));
        }),
        { numRuns: 300 },
      );
    }
  });

  it("finds the largest reachable total at word boundaries of the bitset", () => {
    const sums = reachableSums([
      [0, 31],
      [0, 1],
      [0, 64],
    ]);
    expect([96, 95, 65, 64, 63, 33, 32, 31, 30, 1, 0].map((v) => sums.floor(v))).toEqual([
      96, 95, 65, 64, 32, 32, 32, 31, 1, 1, 0,
    ]);
    expect(sums.floor(-1)).toBe(-1);
    expect(sums.floor(10_000)).toBe(96);
  });
});
