/**
 * fast-check arbitraries for small, valid optimizer inputs (optimizer-io.md)
 * that hit the edges of stacking-rules.md: amounts are drawn near the sums they
 * are compared with, so `>=` versus `>` and off-by-one-cent mistakes show up.
 *
 * `inputArb(config)` builds the cart first, then draws store terms, coupons,
 * coins and points from the cart's own subtotals. A config narrows the input to
 * one rule family, so a failing property names the rule.
 */
import fc from "fast-check";
import { normalizeInput, percentOf, type StackIn, sellerPromotion } from "./oracle";

export const NOW = "2026-11-22T10:00:00Z";
const CURRENCY = "USD";
const OTHER_CURRENCY = "EUR";

/** Instants around NOW, several written with an offset. */
export const T = {
  now: NOW,
  nowWithOffset: "2026-11-22T12:00:00+02:00",
  nowMinus1s: "2026-11-22T09:59:59Z",
  nowPlus1s: "2026-11-22T10:00:01Z",
  nowPlus1sWithOffset: "2026-11-22T05:00:01-05:00",
  yesterday: "2026-11-21T10:00:00Z",
  lastMonth: "2026-10-22T10:00:00Z",
  tomorrow: "2026-11-23T00:00:00Z",
  nextWeek: "2026-11-29T10:00:00.000Z",
  nextMonth: "2026-12-22T00:00:00Z",
} as const;

type Kind = "platform" | "promo" | "store" | "select";

export interface ArbConfig {
  /** number of items (selected or not); at least one is selected */
  items?: [number, number];
  stores?: [number, number];
  coupons?: [number, number];
  /** the most selected items (the oracle is exhaustive) */
  maxSelected?: number;
  kinds?: readonly Kind[];
  maxOrders?: [number, number];
  /** share of unselected items */
  unselectedRate?: number;
  selectEligibleRate?: number;
  promotions?: "none" | "maybe" | "always";
  shipping?: "none" | "maybe" | "always";
  coins?: "none" | "maybe" | "always";
  coinCentsPerCoin?: readonly number[];
  coinMaxPercent?: readonly (number | undefined)[];
  points?: "none" | "maybe" | "always";
  pointsMinRedeem?: readonly (number | undefined)[];
  basis?: readonly ("discounted" | "itemsSubtotal" | undefined)[];
  useCoins?: readonly (boolean | undefined)[];
  usePoints?: readonly (boolean | undefined)[];
  /** "plain": coupons are mostly valid; "edges": validity at the boundaries, used, other currency, other store */
  validity?: "plain" | "edges";
  /** also draw coupons whose validFrom is not before expiresAt (the spec allows them; they are never valid) */
  validFromAfterExpiry?: boolean;
  /** the share of coupons drawn as percent coupons */
  percentRate?: number;
  /** `destination` of the input (issue 13's import tax); undefined: none */
  destinations?: readonly (Record<string, unknown> | undefined)[];
  /** `rules.discountsReduceBase`; undefined: the tax rule's default */
  reduceBase?: readonly (boolean | undefined)[];
}

/** true with probability `p` (fc.double is biased to its bounds, so draw a percentile). */
const chance = (p: number): fc.Arbitrary<boolean> => fc.integer({ min: 0, max: 99 }).map((x) => x < p * 100);

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);

/** Sums of all nonempty subsets of `xs` (xs is short). */
function subsetSums(xs: readonly number[]): number[] {
  const out = new Set<number>();
  for (let mask = 1; mask < 1 << xs.length; mask++) {
    let s = 0;
    xs.forEach((x, k) => {
      if ((mask >> k) & 1) s += x;
    });
    out.add(s);
  }
  return [...out];
}

/** A value near one of `targets` (often exactly on it), or a plain one. */
function nearArb(targets: readonly number[], plainMax: number): fc.Arbitrary<number> {
  const on = targets.length > 0 ? pick(targets) : fc.constant(0);
  return fc.oneof(
    { weight: 4, arbitrary: on },
    { weight: 2, arbitrary: fc.tuple(on, pick([-1, 1, -2, 2])).map(([t, d]) => Math.max(0, t + d)) },
    { weight: 1, arbitrary: fc.constant(0) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: Math.max(1, plainMax) }) },
  );
}

const PERCENTS = [
  5, 10, 12.5, 15, 20, 33.33, 50, 7.25, 99.99, 100, 0.01, 12, 5, 10, 12.5, 15, 8, 3.5,
] as const;

/** `{off}` or `{percent, maxOff?}` with amounts around `scale`. */
function amountArb(
  scale: number,
  percentRate: number,
): fc.Arbitrary<{ off?: number; percent?: number; maxOff?: number }> {
  const off = fc
    .oneof(
      { weight: 4, arbitrary: pick([50, 100, 200, 300, 500, 1000]) },
      { weight: 4, arbitrary: fc.integer({ min: 1, max: Math.max(2, scale) }) },
      { weight: 1, arbitrary: fc.constant(scale * 10 + 7) }, // more than anything it can apply to
    )
    .map((o) => ({ off: o }));
  const percent = fc
    .record({
      percent: pick(PERCENTS),
      maxOff: fc.option(
        fc.oneof(pick([1, 100, 300, 1000]), fc.integer({ min: 0, max: Math.max(1, scale) })),
        {
          nil: undefined,
        },
      ),
    })
    .map(({ percent, maxOff }) => (maxOff === undefined ? { percent } : { percent, maxOff }));
  const w = Math.round(percentRate * 10);
  return fc.oneof({ weight: 10 - w, arbitrary: off }, { weight: w, arbitrary: percent });
}

interface RawItem {
  id: string;
  storeId: string;
  unitPrice: number;
  quantity: number;
  selected?: boolean;
  selectEligible?: boolean;
}

const itemArb = (stores: number, cfg: Required<ArbConfig>) =>
  fc.record({
    store: fc.integer({ min: 0, max: stores - 1 }),
    unitPrice: fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 1, max: 3000 }) },
      { weight: 3, arbitrary: pick([99, 500, 999, 1000, 1250, 1999, 2500, 4000]) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 50 }) },
    ),
    quantity: fc.oneof(
      { weight: 3, arbitrary: fc.constant(1) },
      { weight: 2, arbitrary: fc.integer({ min: 2, max: 3 }) },
    ),
    unselected: chance(cfg.unselectedRate),
    selectEligible: chance(cfg.selectEligibleRate),
    writeDefaults: fc.boolean(),
  });

const DEFAULTS: Required<ArbConfig> = {
  items: [1, 5],
  stores: [1, 3],
  coupons: [0, 6],
  maxSelected: 5,
  kinds: ["platform", "promo", "store", "select"],
  maxOrders: [1, 3],
  unselectedRate: 0.15,
  selectEligibleRate: 0.4,
  promotions: "maybe",
  shipping: "maybe",
  coins: "maybe",
  coinCentsPerCoin: [1, 1, 2, 5],
  coinMaxPercent: [undefined, 3, 5, 12.5, 50, 100],
  points: "maybe",
  pointsMinRedeem: [undefined, 0, 50, 100, 300, 1000],
  basis: [undefined, "discounted", "itemsSubtotal"],
  useCoins: [undefined, true, true, false],
  usePoints: [undefined, true, true, false],
  validity: "edges",
  validFromAfterExpiry: false,
  percentRate: 0.4,
  destinations: [undefined],
  reduceBase: [undefined],
};

const presence = (mode: "none" | "maybe" | "always"): fc.Arbitrary<boolean> =>
  mode === "none" ? fc.constant(false) : mode === "always" ? fc.constant(true) : fc.boolean();

/** The validity fields of a coupon. */
function validityArb(cfg: Required<ArbConfig>): fc.Arbitrary<Record<string, string>> {
  const good = fc.constantFrom<Record<string, string>>(
    { expiresAt: T.nextWeek },
    { expiresAt: T.tomorrow },
    { expiresAt: T.nextMonth, validFrom: T.lastMonth },
    { expiresAt: T.nowPlus1s },
    { expiresAt: T.nowPlus1sWithOffset, validFrom: T.now },
    { expiresAt: T.nextWeek, validFrom: T.nowWithOffset },
    { expiresAt: T.nextWeek, currency: CURRENCY },
  );
  const edge = fc.constantFrom<Record<string, string>>(
    { expiresAt: T.now }, // expired: now < expiresAt fails
    { expiresAt: T.nowWithOffset },
    { expiresAt: T.nowMinus1s },
    { expiresAt: T.yesterday, validFrom: T.lastMonth },
    { expiresAt: T.nextWeek, validFrom: T.nowPlus1s }, // not started
    { expiresAt: T.nextWeek, validFrom: T.tomorrow },
    { expiresAt: T.nextWeek, status: "used" },
    { expiresAt: T.nextWeek, currency: OTHER_CURRENCY },
    { expiresAt: T.now, status: "used", currency: OTHER_CURRENCY },
  );
  const reversed = fc.constantFrom<Record<string, string>>(
    { expiresAt: T.nowPlus1s, validFrom: T.tomorrow },
    { expiresAt: T.now, validFrom: T.tomorrow },
    { expiresAt: T.nowMinus1s, validFrom: T.nowPlus1s },
  );
  const arbs = [
    { weight: cfg.validity === "edges" ? 6 : 12, arbitrary: good },
    { weight: cfg.validity === "edges" ? 4 : 1, arbitrary: edge },
  ];
  if (cfg.validFromAfterExpiry) arbs.push({ weight: 3, arbitrary: reversed });
  const status = fc.constantFrom(undefined, undefined, "active");
  return fc
    .tuple(fc.oneof(...arbs), status)
    .map(([v, s]) => (s !== undefined && v.status === undefined ? { ...v, status: s } : v));
}

/**
 * Random small valid inputs. The raw JSON is returned (defaults sometimes
 * written out, sometimes left implicit), as the optimizer receives it.
 */
export function inputArb(config: ArbConfig = {}): fc.Arbitrary<Record<string, unknown>> {
  const cfg: Required<ArbConfig> = { ...DEFAULTS, ...config };
  const cartArb = fc
    .integer({ min: cfg.stores[0], max: cfg.stores[1] })
    .chain((nStores) =>
      fc.tuple(
        fc.constant(nStores),
        fc
          .integer({ min: cfg.items[0], max: cfg.items[1] })
          .chain((n) => fc.tuple(...Array.from({ length: n }, () => itemArb(nStores, cfg)))),
        fc.boolean(), // reverse cart.stores (points follow cart.stores order)
      ),
    )
    .map(([nStores, draws, reverseStores]) => {
      let selected = 0;
      const items: RawItem[] = draws.map((d, k) => {
        const item: RawItem = {
          id: `i${k + 1}`,
          storeId: `s${d.store + 1}`,
          unitPrice: d.unitPrice,
          quantity: d.quantity,
        };
        const isSelected = !d.unselected && selected < cfg.maxSelected;
        if (isSelected) selected++;
        if (!isSelected || d.writeDefaults) item.selected = isSelected;
        if (d.selectEligible || d.writeDefaults) item.selectEligible = d.selectEligible;
        return item;
      });
      const first = items[0];
      if (selected === 0 && first !== undefined) first.selected = true;
      const storeIds = Array.from({ length: nStores }, (_, k) => `s${k + 1}`);
      if (reverseStores) storeIds.reverse();
      return { items, storeIds };
    });

  return cartArb.chain(({ items, storeIds }) => {
    const sel = items.filter((i) => i.selected !== false);
    const line = (i: RawItem) => i.unitPrice * i.quantity;
    const storeLines = (s: string) => sel.filter((i) => i.storeId === s).map(line);
    const all = subsetSums(sel.map(line));
    const L = all.length > 0 ? Math.max(...all) : 0;
    const scale = Math.max(100, Math.floor(L / 4));

    const storeArb = (id: string) => {
      const sums = subsetSums(storeLines(id));
      const S = sums.length > 0 ? Math.max(...sums) : 0;
      const tierArb = fc
        .tuple(
          fc.option(nearArb(sums, S + 100), { nil: undefined }),
          fc.option(pick([0, 1, 2, 3, 4]), { nil: undefined, freq: 3 }),
          amountArb(Math.max(100, Math.floor(S / 5)), cfg.percentRate),
        )
        .map(([minSpend, minQuantity, amount]) => ({
          ...(minSpend === undefined ? {} : { minSpend }),
          ...(minQuantity === undefined ? {} : { minQuantity }),
          ...amount,
        }));
      const shippingArb = fc
        .tuple(pick([0, 99, 199, 450]), fc.option(nearArb(sums, S + 100), { nil: undefined, freq: 4 }))
        .map(([fee, freeOver]) => (freeOver === undefined ? { fee } : { fee, freeOver }));
      return fc
        .record({
          hasShipping: presence(cfg.shipping),
          shipping: shippingArb,
          hasPromotions: presence(cfg.promotions),
          promotions: fc.array(tierArb, { minLength: 1, maxLength: 3 }),
          named: fc.boolean(),
        })
        .map((r) => ({
          id,
          ...(r.named ? { name: `Store ${id}` } : {}),
          ...(r.hasShipping ? { shipping: r.shipping } : {}),
          ...(r.hasPromotions ? { promotions: r.promotions } : {}),
        }));
    };

    return fc.tuple(...storeIds.map(storeArb)).chain((stores) => {
      // Store bases after seller promotions, to put store minimum spends on them.
      const parsedStores = normalizeInput({
        now: NOW,
        cart: { currency: CURRENCY, items: [], stores },
      }).cart.stores;
      const storeBases = new Map<string, number[]>();
      for (const s of parsedStores) {
        const mine = sel.filter((i) => i.storeId === s.id);
        const bases: number[] = [];
        for (let mask = 1; mask < 1 << mine.length; mask++) {
          const chosen = mine.filter((_, k) => (mask >> k) & 1);
          const S = chosen.map(line).reduce((a, b) => a + b, 0);
          const q = chosen.map((i) => i.quantity).reduce((a, b) => a + b, 0);
          bases.push(S, S - sellerPromotion(s, S, q));
        }
        storeBases.set(s.id, bases);
      }
      const selectSums = subsetSums(sel.filter((i) => i.selectEligible).map(line));
      // Platform bases: subtotals, and subtotals less a few typical discounts.
      const platformBases = [
        ...all,
        ...all.map((x) => x - 200),
        ...all.map((x) => x - percentOf(x, 10)),
      ].filter((x) => x >= 0);

      const couponArb = (k: number) =>
        fc
          .tuple(pick(cfg.kinds), validityArb(cfg), amountArb(scale, cfg.percentRate), fc.nat())
          .chain(([kind, validity, amount, seed]): fc.Arbitrary<Record<string, unknown>> => {
            const base = { id: `c${k + 1}`, kind, ...amount, ...validity };
            const source = pick([undefined, "referral", "welcome", "store", "event", "manual"]);
            if (kind === "store") {
              const storeId = pick([...storeIds, ...storeIds, "s9"]);
              return fc.tuple(storeId, source, fc.nat()).chain(([sid, src, n]) => {
                const targets = storeBases.get(sid) ?? [n % 3000];
                return nearArb(targets, Math.max(...targets, 0) + 100).map((minSpend) => ({
                  ...base,
                  storeId: sid,
                  minSpend,
                  ...(src === undefined ? {} : { source: src }),
                }));
              });
            }
            const targets = kind === "select" ? selectSums : platformBases;
            const extra = kind === "promo" ? { code: `CODE${seed % 50}` } : {};
            return fc
              .tuple(nearArb(targets, L + 100), fc.boolean(), source)
              .map(([minSpend, writeZero, src]) => ({
                ...base,
                ...extra,
                ...(minSpend > 0 || writeZero ? { minSpend } : {}),
                ...(src === undefined ? {} : { source: src }),
              }));
          });

      const couponsArb = fc
        .integer({ min: cfg.coupons[0], max: cfg.coupons[1] })
        .chain((n) => fc.tuple(...Array.from({ length: n }, (_, k) => couponArb(k))));

      const coinsArb = fc.record({
        balance: fc.oneof(fc.integer({ min: 0, max: 600 }), pick([0, 1, 5, 10000])),
        centsPerCoin: pick(cfg.coinCentsPerCoin),
        maxPercent: pick(cfg.coinMaxPercent),
      });
      const pointsArb = (storeId: string) =>
        fc
          .record({
            balance: fc.oneof(fc.integer({ min: 0, max: 1500 }), pick([0, 99, 100, 100000])),
            centsPerPoint: pick([1, 1, 2, 10]),
            minRedeem: pick(cfg.pointsMinRedeem),
            maxPerOrder: fc.option(pick([0, 50, 100, 250, 500]), { nil: undefined }),
          })
          .map((p) => ({ storeId, ...p }));
      const pointsListArb: fc.Arbitrary<Record<string, unknown>[]> =
        cfg.points === "none"
          ? fc.constant([])
          : fc
              .subarray([...storeIds, "s9"], { minLength: cfg.points === "always" ? 1 : 0 })
              .chain((ids) => fc.tuple(...ids.map(pointsArb)));

      return fc
        .record({
          coupons: couponsArb,
          hasCoins: presence(cfg.coins),
          coins: coinsArb,
          points: pointsListArb,
          basis: pick(cfg.basis),
          maxOrders: fc.integer({ min: cfg.maxOrders[0], max: cfg.maxOrders[1] }),
          writeMaxOrders: fc.boolean(),
          useCoins: pick(cfg.useCoins),
          usePoints: pick(cfg.usePoints),
          withOffset: fc.boolean(),
          destination: pick(cfg.destinations),
          reduceBase: pick(cfg.reduceBase),
        })
        .map((r) => {
          const coins = Object.fromEntries(Object.entries(r.coins).filter(([, v]) => v !== undefined));
          const points = r.points.map((p) =>
            Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)),
          );
          const options: Record<string, unknown> = {};
          if (r.maxOrders !== 1 || r.writeMaxOrders) options.maxOrders = r.maxOrders;
          if (r.useCoins !== undefined) options.useCoins = r.useCoins;
          if (r.usePoints !== undefined) options.usePoints = r.usePoints;
          const coupons = r.coupons.map((c) =>
            Object.fromEntries(
              Object.entries(c as Record<string, unknown>).filter(([, v]) => v !== undefined),
            ),
          );
          return {
            now: r.withOffset ? T.nowWithOffset : NOW,
            cart: { currency: CURRENCY, items, stores },
            wallet: {
              coupons,
              ...(r.hasCoins ? { coins } : {}),
              ...(points.length > 0 ? { points } : {}),
            },
            ...(r.basis === undefined && r.reduceBase === undefined
              ? {}
              : {
                  rules: {
                    ...(r.basis === undefined ? {} : { platformMinSpendBasis: r.basis }),
                    ...(r.reduceBase === undefined ? {} : { discountsReduceBase: r.reduceBase }),
                  },
                }),
            ...(Object.keys(options).length > 0 ? { options } : {}),
            ...(r.destination === undefined ? {} : { destination: r.destination }),
          };
        });
    });
  });
}

/** Rule families: one config each, so a failing property names the rule it broke. */
export const FAMILIES = {
  "coupon validity edges (expiry at now, validFrom at now and now+1s, used, currency, other store)": {
    validity: "edges",
    coupons: [2, 7],
    maxOrders: [1, 2],
  },
  "validFrom not before expiresAt (never valid; the large shared examples have such coupons)": {
    validity: "edges",
    validFromAfterExpiry: true,
    coupons: [2, 6],
    maxOrders: [1, 2],
  },
  "minimum spend exactly at the basis": { validity: "plain", coupons: [2, 6], percentRate: 0.2 },
  "percent coupons with caps (two-decimal percents)": { validity: "plain", percentRate: 1, coupons: [1, 6] },
  "promo codes versus platform coupons": { kinds: ["platform", "promo"], validity: "plain", coupons: [2, 6] },
  "select coupons and select-eligible items": {
    kinds: ["select", "select", "platform"],
    selectEligibleRate: 0.6,
    coupons: [1, 5],
  },
  "seller promotion tiers (minSpend, minQuantity, off/percent/maxOff)": {
    promotions: "always",
    kinds: ["store", "platform"],
    coupons: [0, 4],
  },
  "points minRedeem and maxPerOrder": {
    points: "always",
    coins: "none",
    pointsMinRedeem: [50, 100, 300, 1000],
    usePoints: [undefined, true],
    stores: [1, 3],
  },
  "coins with centsPerCoin > 1": {
    coins: "always",
    coinCentsPerCoin: [2, 5, 10],
    useCoins: [undefined, true],
    points: "none",
  },
  "coins with maxPercent 100 or none": {
    coins: "always",
    coinMaxPercent: [100, undefined],
    useCoins: [undefined, true],
  },
  "itemsSubtotal basis": {
    basis: ["itemsSubtotal"],
    kinds: ["platform", "promo", "store", "select"],
    coupons: [1, 6],
  },
  "shipping thresholds": { shipping: "always", stores: [1, 3], maxOrders: [1, 3] },
  "useCoins / usePoints false": {
    coins: "always",
    points: "always",
    useCoins: [false, true],
    usePoints: [false, true],
  },
  "unselected items": { unselectedRate: 0.5, items: [2, 6] },
  "select coupons across split orders": {
    kinds: ["select"],
    selectEligibleRate: 0.8,
    maxOrders: [2, 3],
    coupons: [2, 4],
    items: [2, 4],
    unselectedRate: 0,
    promotions: "none",
  },
  splitting: { maxOrders: [2, 3], items: [2, 5], coupons: [1, 6], shipping: "always" },
  "everything at once": {},
} satisfies Record<string, ArbConfig>;

/**
 * Import tax (issue 13), one family per destination's rules. The cart is in USD, so
 * rules in other currencies get a rate chosen to put their thresholds (EUR 150,
 * GBP 135, A$1,000) within reach of these small carts.
 */
export const TAX_FAMILIES = {
  "Brazil: import tax 20%/60% and ICMS 17% or 20% by state": {
    destinations: [{ country: "BR" }, { country: "BR", region: "SP" }, { country: "BR", region: "BA" }],
    shipping: "always",
  },
  "Brazil, splitting (the US$50 step)": {
    destinations: [{ country: "BR", region: "MG" }, { country: "BR" }],
    maxOrders: [2, 3],
    items: [2, 5],
    shipping: "maybe",
  },
  "Brazil, discounts not reducing the base": {
    destinations: [{ country: "BR", region: "RJ" }],
    reduceBase: [false],
    maxOrders: [1, 2],
  },
  "EU: EUR 3 duty per product and VAT up to EUR 150": {
    destinations: [
      { country: "DE", rate: 2.5 },
      { country: "FR", rate: 3 },
      { country: "HU", rate: 0.92 },
      { country: "FI", rate: 2.5 },
    ],
    maxOrders: [1, 3],
  },
  "UK: VAT up to GBP 135": { destinations: [{ country: "GB", rate: 2.25 }], maxOrders: [1, 2] },
  "Chile: IVA up to US$500": { destinations: [{ country: "CL" }], maxOrders: [1, 2] },
  "Mexico: 33.5% up to US$117, 19% above": { destinations: [{ country: "MX" }], maxOrders: [1, 3] },
  "Australia: GST up to A$1,000": {
    destinations: [{ country: "AU", rate: 15 }],
    maxOrders: [1, 2],
    reduceBase: [undefined, false],
  },
  "US: no split benefit": { destinations: [{ country: "US" }], maxOrders: [1, 2] },
  "not modelled: no rule, or no rate for another currency": {
    destinations: [{ country: "JP" }, { country: "DE" }, { country: "GB" }],
    maxOrders: [1, 2],
  },
} satisfies Record<string, ArbConfig>;

/**
 * Random stacks for `input`: an ordered split of its selected items into
 * 1..maxOrders orders (sometimes with an unselected item slipped in) and coupons
 * placed mostly in slots of their kind, sometimes in the wrong slot or twice.
 * Many are illegal, which is the point: the evaluators must agree on which.
 */
export function stackArb(raw: unknown): fc.Arbitrary<StackIn> {
  const input = normalizeInput(raw);
  const selected = input.cart.items.filter((i) => i.selected);
  const unselected = input.cart.items.filter((i) => !i.selected).map((i) => i.id);
  const coupons = input.wallet.coupons;
  const ids = coupons.map((c) => c.id);
  const ofKind = (...kinds: string[]) => coupons.filter((c) => kinds.includes(c.kind)).map((c) => c.id);
  const slotArb = (right: string[]): fc.Arbitrary<string | null> => {
    const arbs: fc.WeightedArbitrary<string | null>[] = [{ weight: 3, arbitrary: fc.constant(null) }];
    if (right.length > 0) arbs.push({ weight: 6, arbitrary: pick(right) });
    if (ids.length > 0) arbs.push({ weight: 1, arbitrary: pick(ids) });
    return fc.oneof(...arbs);
  };
  const storeIds = ofKind("store");
  const maxOrders = Math.max(1, Math.min(input.options.maxOrders, selected.length));
  return fc
    .record({
      n: fc.integer({ min: 1, max: maxOrders }),
      order: fc.shuffledSubarray(selected, { minLength: selected.length, maxLength: selected.length }),
      where: fc.array(fc.nat(), { minLength: selected.length, maxLength: selected.length }),
      intruder: unselected.length > 0 ? fc.option(pick(unselected), { freq: 8 }) : fc.constant(null),
      slots: fc.array(
        fc.record({
          store: fc.oneof(
            { weight: 6, arbitrary: fc.subarray(storeIds) },
            { weight: 1, arbitrary: fc.subarray(ids, { maxLength: Math.min(2, ids.length) }) },
          ),
          select: slotArb(ofKind("select")),
          platform: slotArb(ofKind("platform", "promo")),
          asObjects: fc.boolean(),
        }),
        { minLength: 3, maxLength: 3 },
      ),
    })
    .map(({ n, order, where, intruder, slots }) => {
      const groups: string[][] = Array.from({ length: n }, () => []);
      order.forEach((item, k) => {
        // The first n items open the n orders, so none is empty.
        groups[k < n ? k : (where[k] ?? 0) % n]?.push(item.id);
      });
      if (intruder !== null) groups[0]?.push(intruder);
      return {
        orders: groups.map((itemIds, k) => {
          const s = slots[k % slots.length] ?? { store: [], select: null, platform: null, asObjects: false };
          const ref = (id: string) => (s.asObjects ? { couponId: id } : id);
          return {
            itemIds,
            storeCoupons: s.store.map(ref),
            selectCoupon: s.select === null ? null : ref(s.select),
            platformCoupon: s.platform === null ? null : ref(s.platform),
          };
        }),
      };
    });
}
