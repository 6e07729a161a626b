/**
 * Reachable sums of store-coupon discounts: pick at most one option per store, which
 * totals D = sum of discounts are possible? Stage by stage so a total can be traced
 * back to the option chosen in each store.
 *
 * Two representations of the same sets: a bitset over 0..max, fast when the totals are
 * dense (the usual case: discounts of a few dollars over a dozen stores), and a sorted
 * list, for the odd cart whose discounts are huge but few.
 */

export interface SumStages {
  /** Largest total reachable in the last stage. */
  readonly max: number;
  /** Whether `value` is reachable after `stage` groups (stage -1: only 0). */
  has(stage: number, value: number): boolean;
  /** Largest reachable total of the last stage that is <= `value`, or -1. */
  floor(value: number): number;
}

const BITSET_LIMIT = 1 << 21;

/** `groups[g]` lists the discounts group g can add (0 for "no coupon" included by the caller). */
export function reachableSums(groups: readonly (readonly number[])[]): SumStages {
  let max = 0;
  for (const g of groups) {
    let m = 0;
    for (const d of g) if (d > m) m = d;
    max += m;
  }
  return max <= BITSET_LIMIT ? new BitsetStages(groups, max) : new ListStages(groups, max);
}

class BitsetStages implements SumStages {
  private readonly stages: Uint32Array[] = [];
  private readonly last: Uint32Array;

  constructor(
    groups: readonly (readonly number[])[],
    readonly max: number,
  ) {
    const words = (max >>> 5) + 1;
    let prev = new Uint32Array(words);
    prev[0] = 1;
    let reach = 0;
    for (const g of groups) {
      const next = new Uint32Array(words);
      let m = 0;
      for (const d of g) {
        orShifted(next, prev, d, (reach >>> 5) + 1);
        if (d > m) m = d;
      }
      reach += m;
      this.stages.push(next);
      prev = next;
    }
    this.last = prev;
  }

  has(stage: number, value: number): boolean {
    if (value < 0 || value > this.max) return false;
    if (stage < 0) return value === 0;
    const bits = this.stages[stage] as Uint32Array;
    return ((bits[value >>> 5] as number) & (1 << (value & 31))) !== 0;
  }

  floor(value: number): number {
    if (value < 0) return -1;
    const bits = this.last;
    let v = Math.min(value, this.max);
    let w = v >>> 5;
    // Mask off the bits above v in its word, then walk down whole words.
    let word = (bits[w] as number) & (((v & 31) === 31 ? 0xffffffff : (1 << ((v & 31) + 1)) - 1) >>> 0);
    while (word === 0) {
      if (--w < 0) return -1;
      word = bits[w] as number;
    }
    v = (w << 5) + 31 - Math.clz32(word);
    return v;
  }
}

/** dst |= src << shift, reading only the first `srcWords` words of src. */
function orShifted(dst: Uint32Array, src: Uint32Array, shift: number, srcWords: number): void {
  const wordShift = shift >>> 5;
  const bitShift = shift & 31;
  const n = Math.min(srcWords, dst.length - wordShift);
  if (bitShift === 0) {
    for (let i = 0; i < n; i++) dst[i + wordShift] = (dst[i + wordShift] as number) | (src[i] as number);
    return;
  }
  const back = 32 - bitShift;
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const s = src[i] as number;
    dst[i + wordShift] = (dst[i + wordShift] as number) | (s << bitShift) | carry;
    carry = s >>> back;
  }
  const tail = n + wordShift;
  if (carry !== 0 && tail < dst.length) dst[tail] = (dst[tail] as number) | carry;
}

class ListStages implements SumStages {
  private readonly stages: Set<number>[] = [];
  private readonly sorted: number[];

  constructor(
    groups: readonly (readonly number[])[],
    readonly max: number,
  ) {
    let prev = [0];
    for (const g of groups) {
      const next = new Set<number>();
      for (const base of prev) for (const d of g) next.add(base + d);
      this.stages.push(next);
      prev = [...next];
    }
    this.sorted = prev.sort((a, b) => a - b);
  }

  has(stage: number, value: number): boolean {
    if (stage < 0) return value === 0;
    return (this.stages[stage] as Set<number>).has(value);
  }

  floor(value: number): number {
    const s = this.sorted;
    let lo = 0;
    let hi = s.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = s[mid] as number;
      if (v <= value) {
        found = v;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}
