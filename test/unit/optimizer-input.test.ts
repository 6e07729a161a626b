/**
 * Bad input gives a clear error (optimizer-io.md): `optimize` throws an
 * InvalidInputError whose `problems` name every problem as `json.path: message`,
 * and the command line exits 2 with one line per problem on stderr and no stack
 * trace. Never a crash, never a wrong answer.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { optimize } from "../../optimizer/index";
import { inputArb } from "../oracle/arbitrary";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const WORKED = new URL("../../../shared/examples/optimizer/worked-example.input.json", import.meta.url);
const worked = (): Record<string, Loose> => JSON.parse(readFileSync(WORKED, "utf8"));
// biome-ignore lint/suspicious/noExplicitAny: the tests corrupt JSON inputs field by field
type Loose = any;
const CENTS = "expected a non-negative integer number of cents";

/** The problems `optimize` reports for `input`; fails unless it throws an InvalidInputError. */
function problemsOf(input: unknown): string[] {
  let thrown: unknown;
  try {
    optimize(input);
  } catch (e) {
    thrown = e;
  }
  expect(thrown, "optimize should throw on this input").toBeInstanceOf(Error);
  const err = thrown as Error & { problems?: unknown };
  expect(err.name === "InvalidInputError" || err.constructor.name === "InvalidInputError", String(err)).toBe(
    true,
  );
  expect(Array.isArray(err.problems)).toBe(true);
  const problems = err.problems as unknown[];
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(typeof p).toBe("string");
    expect(p as string, "one line per problem").not.toContain("\n");
  }
  return problems as string[];
}

/** The problem lines for `path` (exact path before the colon). */
const at = (problems: string[], path: string): string[] => problems.filter((p) => p.startsWith(`${path}: `));

function expectProblem(problems: string[], path: string, message?: RegExp | string): void {
  const lines = at(problems, path);
  expect(lines, `a problem at ${path} in:\n${problems.join("\n")}`).not.toEqual([]);
  if (message !== undefined) {
    const re =
      typeof message === "string" ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : message;
    expect(
      lines.some((l) => re.test(l.slice(path.length + 2))),
      `${path}: ${message} in:\n${lines.join("\n")}`,
    ).toBe(true);
  }
}

describe("optimize rejects bad input with InvalidInputError", () => {
  it("missing required fields", () => {
    const a = worked();
    delete a.now;
    expectProblem(problemsOf(a), "now");
    const b = worked();
    delete b.cart.currency;
    expectProblem(problemsOf(b), "cart.currency");
    const c = worked();
    delete c.wallet.coupons[1].expiresAt;
    expectProblem(problemsOf(c), "wallet.coupons[1].expiresAt");
    const d = worked();
    delete d.cart.items[2].unitPrice;
    expectProblem(problemsOf(d), "cart.items[2].unitPrice");
    const e = worked();
    delete e.cart;
    expectProblem(problemsOf(e), "cart");
  });

  it("negative or fractional cents name the JSON path", () => {
    const cases: [string, (x: Record<string, Loose>) => void][] = [
      ["cart.items[0].unitPrice", (x) => (x.cart.items[0].unitPrice = -1)],
      ["cart.items[0].unitPrice", (x) => (x.cart.items[0].unitPrice = 12.5)],
      ["cart.items[2].unitPrice", (x) => (x.cart.items[2].unitPrice = "3000")],
      ["cart.stores[0].shipping.fee", (x) => (x.cart.stores[0].shipping.fee = -199)],
      ["cart.stores[0].shipping.freeOver", (x) => (x.cart.stores[0].shipping.freeOver = 2500.01)],
      ["wallet.coupons[0].off", (x) => (x.wallet.coupons[0].off = 0.5)],
      ["wallet.coupons[1].minSpend", (x) => (x.wallet.coupons[1].minSpend = -2000)],
    ];
    for (const [path, corrupt] of cases) {
      const input = worked();
      corrupt(input);
      const problems = problemsOf(input);
      expectProblem(problems, path, CENTS);
    }
  });

  it("other numbers out of range", () => {
    const q = worked();
    q.cart.items[0].quantity = 0;
    expectProblem(problemsOf(q), "cart.items[0].quantity");
    const p = worked();
    p.wallet.coupons[0] = { ...p.wallet.coupons[0], off: undefined, percent: 12.345 };
    expectProblem(problemsOf(p), "wallet.coupons[0].percent");
    const big = worked();
    big.wallet.coupons[0] = { ...big.wallet.coupons[0], off: undefined, percent: 150 };
    expectProblem(problemsOf(big), "wallet.coupons[0].percent");
    const m = worked();
    m.options = { maxOrders: 0 };
    expectProblem(problemsOf(m), "options.maxOrders");
    const c = worked();
    c.wallet.coins.centsPerCoin = 0;
    expectProblem(problemsOf(c), "wallet.coins.centsPerCoin");
  });

  it("an item naming a store that is not in cart.stores", () => {
    const input = worked();
    input.cart.items[1].storeId = "nowhere";
    expectProblem(problemsOf(input), "cart.items[1].storeId", /nowhere/);
  });

  it("duplicate ids", () => {
    const items = worked();
    items.cart.items[2].id = "i1";
    expectProblem(problemsOf(items), "cart.items[2].id", /duplicate/i);
    const stores = worked();
    stores.cart.stores[1].id = "A";
    expectProblem(problemsOf(stores), "cart.stores[1].id", /duplicate/i);
    const coupons = worked();
    coupons.wallet.coupons[1].id = "P";
    expectProblem(problemsOf(coupons), "wallet.coupons[1].id", /duplicate/i);
  });

  it("a coupon with both off and percent, or neither, or maxOff with off", () => {
    const both = worked();
    both.wallet.coupons[0].percent = 10;
    const problems = problemsOf(both);
    const lines = problems.filter((p) => p.startsWith("wallet.coupons[0]"));
    expect(
      lines.some((l) => /off/.test(l) && /percent/.test(l)),
      problems.join("\n"),
    ).toBe(true);
    const neither = worked();
    delete neither.wallet.coupons[0].off;
    expect(problemsOf(neither).some((l) => l.startsWith("wallet.coupons[0]"))).toBe(true);
    const maxOff = worked();
    maxOff.wallet.coupons[0].maxOff = 100;
    expectProblem(problemsOf(maxOff), "wallet.coupons[0].maxOff");
  });

  it("a promo without code, a store coupon without storeId, an unknown kind", () => {
    const promo = worked();
    promo.wallet.coupons[0].kind = "promo";
    expectProblem(problemsOf(promo), "wallet.coupons[0].code");
    const store = worked();
    delete store.wallet.coupons[1].storeId;
    expectProblem(problemsOf(store), "wallet.coupons[1].storeId");
    const kind = worked();
    kind.wallet.coupons[0].kind = "cashback";
    expectProblem(problemsOf(kind), "wallet.coupons[0].kind");
  });

  it("dates that are not ISO 8601 with an offset", () => {
    for (const bad of [
      "22/11/2026 10:00",
      "tomorrow",
      "2026-11-22T10:00:00",
      "2026-13-01T00:00:00Z",
      1763805600000,
    ]) {
      const now = worked();
      now.now = bad;
      expectProblem(problemsOf(now), "now");
      const exp = worked();
      exp.wallet.coupons[0].expiresAt = bad;
      expectProblem(problemsOf(exp), "wallet.coupons[0].expiresAt");
    }
  });

  it("lists EVERY problem of an input with several", () => {
    const input = worked();
    input.now = "yesterday";
    input.cart.items[0].unitPrice = -1;
    input.cart.items[1].quantity = 1.5;
    input.cart.items[2].storeId = "Z";
    input.cart.stores[0].shipping.fee = 0.99;
    input.wallet.coupons[0].percent = 10; // and off
    input.wallet.coupons.push({ id: "X", kind: "promo", off: 100, expiresAt: "2026-12-01T00:00:00Z" });
    input.wallet.coupons.push({ id: "A1", kind: "select", off: 100, expiresAt: "2026-12-01T00:00:00Z" });
    input.wallet.coins.balance = -3;
    const problems = problemsOf(input);
    expectProblem(problems, "now");
    expectProblem(problems, "cart.items[0].unitPrice", CENTS);
    expectProblem(problems, "cart.items[1].quantity");
    expectProblem(problems, "cart.items[2].storeId", /Z/);
    expectProblem(problems, "cart.stores[0].shipping.fee", CENTS);
    expect(problems.some((p) => p.startsWith("wallet.coupons[0]") && /percent/.test(p))).toBe(true);
    expectProblem(problems, "wallet.coupons[2].code");
    expectProblem(problems, "wallet.coupons[3].id", /duplicate/i);
    expectProblem(problems, "wallet.coins.balance");
    expect(problems.length).toBeGreaterThanOrEqual(9);
    expect(new Set(problems).size, "no problem listed twice").toBe(problems.length);
  });

  it("input that is not an object at all", () => {
    for (const bad of [null, undefined, 42, "a cart", [], true]) problemsOf(bad);
  });

  it("any cents field made negative or fractional is reported at its path (random inputs)", () => {
    const CENTS_KEYS = new Set(["unitPrice", "fee", "freeOver", "off", "maxOff", "minSpend"]);
    const paths = (v: unknown, path: string): string[] => {
      if (Array.isArray(v)) return v.flatMap((x, k) => paths(x, `${path}[${k}]`));
      if (v !== null && typeof v === "object")
        return Object.entries(v).flatMap(([k, x]) =>
          typeof x === "number" && CENTS_KEYS.has(k)
            ? [path ? `${path}.${k}` : k]
            : paths(x, path ? `${path}.${k}` : k),
        );
      return [];
    };
    const set = (root: Loose, path: string, value: number) => {
      const keys = path.match(/[^.[\]]+/g) ?? [];
      const last = keys.pop() as string;
      const parent = keys.reduce((a, k) => a[/^\d+$/.test(k) ? Number(k) : k], root);
      parent[last] = value;
    };
    const arb = inputArb({ coupons: [1, 4], promotions: "always", shipping: "always" }).chain((input) => {
      const candidates = paths({ cart: input.cart, wallet: input.wallet }, "");
      return fc.tuple(
        fc.constant(input),
        fc.constantFrom(...candidates),
        fc.constantFrom(-1, -0.5, 0.5, 10.01),
      );
    });
    fc.assert(
      fc.property(arb, ([input, path, value]) => {
        const bad = structuredClone(input);
        set(bad, path, value);
        expectProblem(problemsOf(bad), path, CENTS);
      }),
      { numRuns: 150 },
    );
  });

  it("never crashes on arbitrary JSON: either a result or InvalidInputError", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          optimize(value);
        } catch (e) {
          expect(
            (e as Error).constructor.name === "InvalidInputError" ||
              (e as Error).name === "InvalidInputError",
          ).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("unknown extra fields are ignored", () => {
    const input = worked();
    input.extra = { anything: [1, 2] };
    input.cart.items[0].color = "red";
    input.wallet.coupons[0].note = "from a friend";
    expect(optimize(input).total).toBe(optimize(worked()).total);
  });
});

// ---------------------------------------------------------------- the command line

/** Runs the CLI as `tsx optimizer/cli.ts ARGS` (the local tsx binary, as npx would resolve it). */
function cli(args: string[], stdin?: string) {
  const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
  const r = spawnSync(tsx, ["optimizer/cli.ts", ...args], {
    cwd: REPO,
    input: stdin,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const stackTraceLine = /^\s+at\s|\(node:|\.ts:\d+:\d+/;

describe("command line", () => {
  it("malformed JSON on stdin: exit 2, a message on stderr, no stack trace", () => {
    const r = cli(["-"], '{"now": "2026-11-22T10:00:00Z", "cart": ');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n").filter((l) => l.trim() !== "");
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((l) => stackTraceLine.test(l))).toEqual([]);
    expect(r.stderr).toMatch(/json/i);
  });

  it("invalid input: exit 2, one line per problem with its JSON path, no stack trace", () => {
    const input = worked();
    input.cart.items[0].unitPrice = -1;
    input.wallet.coupons[0].kind = "promo";
    input.now = "soon";
    const r = cli(["-"], JSON.stringify(input));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n").filter((l) => l.trim() !== "");
    expect(lines.filter((l) => stackTraceLine.test(l))).toEqual([]);
    expect(lines).toContain(`cart.items[0].unitPrice: ${CENTS}`);
    expect(lines.some((l) => l.startsWith("wallet.coupons[0].code: "))).toBe(true);
    expect(lines.some((l) => l.startsWith("now: "))).toBe(true);
    expect(lines).toHaveLength(3);
  });

  it("a file that does not exist: exit 2 without a stack trace", () => {
    const r = cli(["/nonexistent/case.json"]);
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n").filter((l) => stackTraceLine.test(l))).toEqual([]);
  });

  it("the worked example from a file and from stdin: exit 0, the result JSON, total 4370", () => {
    const file = cli([fileURLToPath(WORKED)]);
    expect(file.status, file.stderr).toBe(0);
    const result = JSON.parse(file.stdout);
    expect(result).toMatchObject({
      currency: "USD",
      baseline: 5299,
      total: 4370,
      savings: 929,
      optimal: true,
    });
    expect(result.orders).toHaveLength(1);
    const stdin = cli(["-"], readFileSync(WORKED, "utf8"));
    expect(stdin.status, stdin.stderr).toBe(0);
    expect(JSON.parse(stdin.stdout)).toEqual(result);
  });

  it("npm run -s optimize -- FILE, as documented", () => {
    const r = spawnSync("npm", ["run", "-s", "optimize", "--", fileURLToPath(WORKED)], {
      cwd: REPO,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).total).toBe(4370);
  });
});
