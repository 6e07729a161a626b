/** The command line's human view of a result: the stack as a readable table. */
import { formatMoney } from "./money";
import type { Input, Result } from "./schema";
import type { TaxName } from "./tax-schema";

const REASONS: Record<Result["unused"][number]["reason"], string> = {
  used: "already used",
  expired: "expired",
  "not-started": "not started yet",
  currency: "other currency",
  "store-not-in-cart": "store not in the cart",
  "min-spend": "minimum spend not met",
  "slot-taken": "a better coupon took its slot",
  "not-better": "would not lower the total",
};

const TAX_LABEL: Record<TaxName, string> = {
  "import tax": "Import tax",
  ICMS: "ICMS",
  VAT: "VAT",
  duty: "Customs duty",
  fee: "Fee",
};

export function renderTable(input: Input, result: Result, locale = "en-US"): string {
  const money = (cents: number) => formatMoney(cents, result.currency, locale);
  const title = new Map(input.cart.items.map((i) => [i.id, i.title ?? i.id]));
  const storeName = new Map(input.cart.stores.map((s) => [s.id, s.name ?? s.id]));
  const coupon = new Map(input.wallet.coupons.map((c) => [c.id, c]));
  const width = 52;
  const line = (label: string, amount: string) => `  ${label.padEnd(width - amount.length - 2)}${amount}`;
  const out: string[] = [];

  out.push(
    `Stackwise: the cheapest legal stack${result.optimal ? " (proven optimal)" : " (best found in the time budget)"}`,
    "",
  );
  result.orders.forEach((o, n) => {
    const names = o.itemIds.map((id) => title.get(id) ?? id).join(", ");
    out.push(`Order ${n + 1} of ${result.orders.length}: ${names}`);
    out.push(line("Items", money(o.itemsSubtotal)));
    for (const p of o.sellerPromotions)
      out.push(line(`Seller promotion, ${storeName.get(p.storeId)}`, `-${money(p.amount)}`));
    for (const c of o.storeCoupons)
      out.push(line(`Store coupon ${c.couponId}, ${storeName.get(c.storeId)}`, `-${money(c.amount)}`));
    if (o.selectCoupon)
      out.push(line(`Select coupon ${o.selectCoupon.couponId}`, `-${money(o.selectCoupon.amount)}`));
    if (o.platformCoupon) {
      const c = coupon.get(o.platformCoupon.couponId);
      const label =
        c?.kind === "promo" ? `Promo code ${c.code}` : `Platform coupon ${o.platformCoupon.couponId}`;
      out.push(line(label, `-${money(o.platformCoupon.amount)}`));
    }
    for (const p of o.points)
      out.push(line(`${p.points} points, ${storeName.get(p.storeId)}`, `-${money(p.amount)}`));
    if (o.coins.amount > 0) out.push(line(`${o.coins.coins} coins`, `-${money(o.coins.amount)}`));
    if (o.shipping > 0) out.push(line("Shipping", `+${money(o.shipping)}`));
    for (const p of o.packages ?? [])
      for (const t of p.taxes)
        out.push(line(`${TAX_LABEL[t.name]}, ${storeName.get(p.storeId)}`, `+${money(t.amount)}`));
    out.push(line("Order total", money(o.total)), "");
  });
  const summary = (label: string, amount: number, note = "") =>
    `${label.padEnd(30)}${money(amount).padStart(14)}${note ? `   ${note}` : ""}`;
  out.push(
    summary(
      "To pay",
      result.total,
      result.tax !== undefined && result.taxModelled ? `tax ${money(result.tax)} included` : "",
    ),
  );
  out.push(summary("Without any discount", result.baseline, `you save ${money(result.savings)}`));
  out.push(
    summary(
      "Largest coupon in each slot",
      result.greedyTotal,
      `${money(result.greedyTotal - result.total)} more`,
    ),
  );
  if (result.taxNotes) {
    out.push("", result.taxModelled ? "Import tax:" : "Import tax not modelled:");
    for (const n of result.taxNotes) out.push(`  ${n.message}`);
  }
  if (result.unused.length > 0) {
    out.push("", "Not used:");
    for (const u of result.unused) {
      const why =
        u.reason === "min-spend" && u.shortfall ? `add ${money(u.shortfall)} to unlock` : REASONS[u.reason];
      out.push(`  ${u.couponId}: ${why}`);
    }
  }
  return out.join("\n");
}
