/**
 * Seeded generators of realistic carts and wallets for the benchmark: the same seed
 * always gives the same input, so runs can be compared across commits.
 */

export interface Shape {
  items: [number, number];
  stores: [number, number];
  coupons: [number, number];
  maxOrders: number;
  /** Share of stores with a points program, and whether coins are in the wallet. */
  pointsShare: number;
  coins: boolean;
}

export const SHAPES = {
  /** The large one-order carts: 60-80 items, 10-20 stores, 40-80 coupons. */
  large: {
    items: [60, 80],
    stores: [10, 20],
    coupons: [40, 80],
    maxOrders: 1,
    pointsShare: 0.2,
    coins: true,
  },
  /** Split carts of 8 items, up to 3 orders, proven optimal. */
  split8: { items: [8, 8], stores: [2, 4], coupons: [8, 14], maxOrders: 3, pointsShare: 0.4, coins: true },
  /** Split carts of 20 items, up to 4 orders (issue 13's tax benchmark, with a destination). */
  split20: {
    items: [20, 20],
    stores: [3, 6],
    coupons: [12, 20],
    maxOrders: 4,
    pointsShare: 0.3,
    coins: true,
  },
  /** Split carts of 30 items, up to 3 orders, within the time budget. */
  split30: {
    items: [30, 30],
    stores: [5, 9],
    coupons: [20, 35],
    maxOrders: 3,
    pointsShare: 0.3,
    coins: true,
  },
} satisfies Record<string, Shape>;

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}

const NOW = "2026-11-22T10:00:00Z";
const days = (d: number) => new Date(Date.parse(NOW) + d * 86_400_000).toISOString();

export function generate(shape: Shape, seed: number): Record<string, unknown> {
  const r = rng(seed * 2654435761 + 17);
  const nStores = r.int(...shape.stores);
  const nItems = r.int(...shape.items);
  const stores = Array.from({ length: nStores }, (_, s) => ({
    id: `s${s + 1}`,
    name: `Store ${s + 1}`,
    ...(r.chance(0.7)
      ? { shipping: { fee: r.pick([99, 149, 199, 299, 450]), freeOver: r.pick([1500, 2500, 4000, 6000]) } }
      : {}),
    ...(r.chance(0.25)
      ? {
          promotions: r.chance(0.5)
            ? [{ minSpend: r.pick([3000, 5000, 8000]), off: r.pick([200, 300, 500]) }]
            : [{ minQuantity: r.int(2, 4), percent: r.pick([5, 7.5, 10, 12.5]) }],
        }
      : {}),
  }));
  const items = Array.from({ length: nItems }, (_, i) => ({
    id: `i${i + 1}`,
    title: `Item ${i + 1}`,
    // Every store gets at least one item, the rest land anywhere.
    storeId: i < nStores ? `s${i + 1}` : `s${r.int(1, nStores)}`,
    unitPrice: r.int(150, 9000),
    quantity: r.chance(0.75) ? 1 : r.int(2, 4),
    ...(r.chance(0.3) ? { selectEligible: true } : {}),
    ...(r.chance(0.1) ? { selected: false } : {}),
  }));
  const subtotal = items.reduce((a, i) => a + i.unitPrice * i.quantity, 0);
  const storeSubtotal = (sid: string) =>
    items.filter((i) => i.storeId === sid).reduce((a, i) => a + i.unitPrice * i.quantity, 0);

  const nCoupons = r.int(...shape.coupons);
  const coupons = Array.from({ length: nCoupons }, (_, c) => {
    const kind = r.pick([
      "store",
      "store",
      "store",
      "platform",
      "platform",
      "platform",
      "promo",
      "select",
      "select",
    ] as const);
    const expiresAt = r.chance(0.05) ? NOW : days(r.pick([1, 3, 7, 14, 30]));
    const status = r.chance(0.05) ? "used" : "active";
    const amount = r.chance(0.75)
      ? { off: r.pick([100, 200, 300, 400, 500, 700, 1000, 1500]) }
      : {
          percent: r.pick([5, 8, 10, 12.5, 15, 20]),
          ...(r.chance(0.7) ? { maxOff: r.pick([500, 1000, 2000]) } : {}),
        };
    const base = {
      id: `c${c + 1}`,
      kind,
      expiresAt,
      status,
      source: r.pick(["referral", "welcome", "store", "event", "manual"]),
    };
    if (kind === "store") {
      const storeId = `s${r.int(1, nStores)}`;
      const s = storeSubtotal(storeId);
      return {
        ...base,
        storeId,
        ...amount,
        minSpend: Math.max(0, Math.round(s * r.pick([0.3, 0.6, 0.9, 1.05]))),
      };
    }
    const minSpend = Math.round(
      (kind === "select" ? subtotal * 0.3 : subtotal) * r.pick([0, 0.2, 0.35, 0.5, 0.7, 0.85, 0.95, 1.02]),
    );
    return { ...base, ...(kind === "promo" ? { code: `CODE${c + 1}` } : {}), ...amount, minSpend };
  });

  const points = stores
    .filter(() => r.chance(shape.pointsShare))
    .map((s) => ({
      storeId: s.id,
      balance: r.pick([80, 150, 400, 800, 1500]),
      centsPerPoint: r.pick([1, 1, 2, 5]),
      minRedeem: r.pick([0, 50, 100]),
      ...(r.chance(0.5) ? { maxPerOrder: r.pick([100, 300, 500]) } : {}),
    }));
  return {
    now: NOW,
    cart: { currency: "USD", items, stores },
    wallet: {
      coupons,
      ...(shape.coins
        ? {
            coins: {
              balance: r.pick([0, 150, 500, 3000]),
              centsPerCoin: r.pick([1, 1, 5]),
              maxPercent: r.pick([3, 5, 10, 100]),
            },
          }
        : {}),
      points,
    },
    options: { maxOrders: shape.maxOrders },
  };
}
