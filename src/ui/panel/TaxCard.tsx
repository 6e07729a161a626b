import type { StackUpdate } from "../../messaging/checkout";
import { money } from "../../services/format";
import { type Message, say, t, tn } from "../../services/i18n";
import { calibrationMessages, destinationMessages, rateMessages } from "../shared/tax-text";
import { TAX_NAME_KEY } from "./page-check";

interface Props {
  stack: StackUpdate;
  locale: string;
}

/**
 * The stack's import tax (issue 13): what the total includes, per order and per
 * package, and what a split saves against the best single order after tax. Shown only
 * when the shopper set a destination; when the tax cannot be modelled, it says why.
 */
export function TaxCard({ stack, locale }: Props) {
  const { result, cart } = stack;
  if (result.taxNotes === undefined) return null;
  const fmt = (cents: number) => money(cents, result.currency, locale);
  if (!result.taxModelled) {
    const code = result.taxNotes[0]?.code;
    const why = code === "no-rate" ? t("panel_taxNoRate") : t("panel_taxNoRule");
    return (
      <section class="tax-card" data-testid="tax-card" aria-labelledby="tax-title">
        <h2 id="tax-title">{t("panel_taxTitle")}</h2>
        <p class="fine-print" data-testid="tax-not-modelled">
          {t("panel_taxNotModelled", why)}
        </p>
        <TaxSources stack={stack} locale={locale} />
      </section>
    );
  }
  const storeName = (id: string) => cart.stores.find((s) => s.id === id)?.name ?? id;
  const tax = result.tax ?? 0;
  const one = stack.oneOrder;
  const orders = result.orders.length;
  const packages = result.orders.flatMap((o) => o.packages ?? []);
  const outside = packages.filter((p) => p.taxes.length === 0).length;
  return (
    <section class="tax-card" data-testid="tax-card" aria-labelledby="tax-title">
      <h2 id="tax-title">{t("panel_taxTitle")}</h2>
      <p data-testid="tax-total" data-cents={tax}>
        {t("panel_taxIncluded", fmt(tax))}
      </p>
      {one && orders > 1 && one.tax > tax && (
        <p class="savings" data-testid="tax-split-saving" data-cents={one.tax - tax}>
          {tn("panel_taxSplitSaves", orders, orders, fmt(one.tax - tax))}
        </p>
      )}
      {one && orders > 1 && one.total > result.total && (
        <p class="fine-print" data-testid="tax-split-total" data-cents={one.total - result.total}>
          {t("panel_taxSplitTotal", fmt(one.total - result.total))}
        </p>
      )}
      {outside > 0 && (
        <p class="fine-print" data-testid="tax-outside">
          {t("panel_taxOutside", outside, packages.length)}
        </p>
      )}
      <ul class="tax-orders">
        {result.orders.map((o, n) => (
          <li key={o.itemIds.join(",")} data-testid="tax-order" data-cents={o.tax ?? 0}>
            {t("panel_taxOrder", n + 1, fmt(o.tax ?? 0))}
            <ul>
              {(o.packages ?? []).flatMap((p) =>
                p.taxes.map((line) => (
                  <li key={`${p.storeId}-${line.name}`} data-testid="tax-line" data-cents={line.amount}>
                    <span>{t("panel_taxLine", t(TAX_NAME_KEY[line.name]), storeName(p.storeId))}</span>{" "}
                    <span class="amount">{fmt(line.amount)}</span>
                  </li>
                )),
              )}
            </ul>
          </li>
        ))}
      </ul>
      {result.taxRule && (
        <p class="fine-print">{t("panel_taxEstimate", result.taxRule.id, result.taxRule.confidence)}</p>
      )}
      <TaxSources stack={stack} locale={locale} />
    </section>
  );
}

/** Where the destination and the exchange rate came from, and what this checkout's lines said of the rate. */
function TaxSources({ stack, locale }: Props) {
  const lines: [string, Message][] = [
    ...(stack.destination ? destinationMessages(stack.destination, locale) : []).map(
      (m) => ["tax-destination", m] as [string, Message],
    ),
    ...(stack.taxRate ? rateMessages(stack.taxRate, locale) : []).map(
      (m) => ["tax-rate-source", m] as [string, Message],
    ),
    ...(stack.calibration ? calibrationMessages(stack.calibration, stack.taxRate, locale) : []).map(
      (m) => ["tax-calibration", m] as [string, Message],
    ),
  ];
  return (
    <>
      {lines.map(([testId, m]) => (
        <p key={`${testId}-${m.key}`} class="fine-print" data-testid={testId}>
          {say(m)}
        </p>
      ))}
    </>
  );
}
