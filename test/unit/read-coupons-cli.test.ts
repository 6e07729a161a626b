/**
 * `npm run -s read-coupons -- FILE|-`: the command line's contract (output
 * shape, the clock and zone options, exit codes), run as a user runs it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const tsx = join(REPO, "node_modules", ".bin", "tsx");

function run(args: string[], stdin?: string | Buffer) {
  const r = spawnSync(tsx, ["scripts/read-coupons.ts", ...args], {
    cwd: REPO,
    input: stdin,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BLOCK = [
  "Store coupon · Best Shop",
  "US $3.00 off on orders over US $20.00",
  "Expires in 2 days",
  "R$ 15,00 de desconto em pedidos acima de R$ 100,00",
  "Válido até 31/12/2026",
  "US $3.00 off on orders over 20,00 €",
].join("\n");

describe("npm run -s read-coupons", () => {
  it("prints one {coupon, unread} per coupon, with the clock and zone given", () => {
    const r = run(["--now", "2026-12-01T12:00:00Z", "--time-zone", "America/Sao_Paulo", "-"], BLOCK);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        coupon: {
          kind: "store",
          off: 300,
          minSpend: 2000,
          currency: "USD",
          expiresAt: "2026-12-03T12:00:00.000Z",
          storeName: "Best Shop",
        },
        unread: [],
      },
      {
        coupon: {
          kind: "platform",
          off: 1500,
          minSpend: 10000,
          currency: "BRL",
          expiresAt: "2027-01-01T02:59:59.000Z",
        },
        unread: [],
      },
    ]);
    // The refused coupon is named on standard error, with its reason.
    expect(r.stderr).toMatch(/currency-mismatch/);
  });

  it("reads a file, and prints [] with exit 0 for text without a coupon", () => {
    const dir = mkdtempSync(join(tmpdir(), "read-coupons-"));
    const file = join(dir, "page.txt");
    writeFileSync(file, "Nothing to see here.\n");
    const r = run([file]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it("exits 2 with one line for a file it cannot read, binary data or a bad option", () => {
    for (const [args, stdin, reason] of [
      [["/no/such/file.txt"], undefined, /cannot read \(ENOENT\)/],
      [["-"], Buffer.from([0xff, 0xfe, 0x00, 0x41]), /not UTF-8 text/],
      [["--now", "tomorrow", "-"], "x", /--now/],
      [["--time-zone", "Mars/Olympus", "-"], "x", /--time-zone/],
      [[], undefined, /usage/],
    ] as const) {
      const r = run([...args], stdin);
      expect(r.status, String(args)).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(reason);
    }
  });

  it("is the npm script of that name", () => {
    const r = spawnSync("npm", ["run", "-s", "read-coupons", "--", "-"], {
      cwd: REPO,
      input: "US$3.00off\nOrdersoverUS$4.00",
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { coupon: { kind: "platform", off: 300, minSpend: 400, currency: "USD" }, unread: [] },
    ]);
  });
});
