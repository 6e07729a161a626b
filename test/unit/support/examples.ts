/**
 * The shared optimizer examples (shared/examples/optimizer, beside the
 * project): each `<name>.input.json` with its proven `<name>.expected.json`.
 */
import { readdirSync, readFileSync } from "node:fs";

export const EXAMPLES = new URL("../../../../shared/examples/optimizer/", import.meta.url);

export interface Expected {
  total: number;
  greedyTotal: number;
  baseline: number;
  orders: number;
}

/** Every example, sorted by name. */
export function loadExamples(): { name: string; input: unknown; expected: Expected }[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".input.json"))
    .sort()
    .map((f) => {
      const name = f.replace(/\.input\.json$/, "");
      const input: unknown = JSON.parse(readFileSync(new URL(f, EXAMPLES), "utf8"));
      const expected = JSON.parse(
        readFileSync(new URL(`${name}.expected.json`, EXAMPLES), "utf8"),
      ) as Expected;
      return { name, input, expected };
    });
}
