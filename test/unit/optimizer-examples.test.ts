/**
 * The optimizer on every shared example (../../../shared/examples/optimizer):
 * the proven `total`, `baseline` and `greedyTotal`, the number of orders when it
 * claims optimality, and a returned stack that is legal and re-prices to its
 * total under both the optimizer's own `evaluateStack` and the independent oracle.
 */
import { describe, expect, it } from "vitest";
import { evaluateStack, optimize } from "../../optimizer/index";
import { oracleEvaluate } from "../oracle/oracle";
import { loadExamples } from "./support/examples";

const examples = loadExamples();

describe("optimizer on the shared examples", () => {
  it("reads every example", () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
    expect(examples.map((e) => e.name)).toContain("worked-example");
  });

  describe.each(examples)("$name", ({ input, expected }) => {
    it("total, baseline, greedyTotal and savings", () => {
      const r = optimize(input);
      expect({ total: r.total, baseline: r.baseline, greedyTotal: r.greedyTotal }).toEqual({
        total: expected.total,
        baseline: expected.baseline,
        greedyTotal: expected.greedyTotal,
      });
      expect(r.savings).toBe(r.baseline - r.total);
    });

    it("number of orders when proven optimal", () => {
      const r = optimize(input);
      if (r.optimal) expect(r.orders).toHaveLength(expected.orders);
      else expect(r.total).toBe(expected.total);
    });

    it("returns a legal stack that re-prices to its total (evaluateStack and oracle)", () => {
      const r = optimize(input);
      const own = evaluateStack(input, { orders: r.orders });
      expect(own.problems).toEqual([]);
      expect(own.legal).toBe(true);
      expect(own.total).toBe(r.total);
      expect(own.baseline).toBe(expected.baseline);

      const oracle = oracleEvaluate(input, { orders: r.orders });
      expect(oracle.problems).toEqual([]);
      expect(oracle.legal).toBe(true);
      expect(oracle.total).toBe(r.total);
      expect(oracle.total).toBe(expected.total);
      // Each reported order matches the oracle's pricing of that order.
      expect(r.orders.map((o) => o.total)).toEqual(oracle.orders.map((o) => o.total));
    });
  });
});
