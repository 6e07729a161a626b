import { useState } from "preact/hooks";
import { money } from "../../services/format";
import { t, tn } from "../../services/i18n";
import { CopyCode } from "./CopyCode";
import type { OrderView } from "./view";

/** Lines shown before "show all": a long cart must not push the slots out of sight. */
const FIRST_LINES = 6;

interface Props {
  order: OrderView;
  index: number;
  count: number;
  currency: string;
  locale: string;
  /** Records the order as placed; absent while the stack may still change. */
  onPlaced?: (() => void) | undefined;
  busy: boolean;
}

/** One order of the stack: its items with what each costs, then what to choose at its checkout. */
export function OrderCard({ order, index, count, currency, locale, onPlaced, busy }: Props) {
  const [all, setAll] = useState(false);
  const fmt = (cents: number) => money(cents, currency, locale);
  const headingId = `order-${index}`;
  const items =
    all || order.items.length <= FIRST_LINES + 1 ? order.items : order.items.slice(0, FIRST_LINES);
  const choices = order.slots.filter((s) => !s.automatic);
  const automatic = order.slots.filter((s) => s.automatic);
  return (
    <section class="order" aria-labelledby={headingId} data-testid="stack-order">
      <header class="order-head">
        <h2 id={headingId}>
          {count > 1 ? t("panel_orderHeading", index + 1, count) : t("panel_oneOrderHeading")}
        </h2>
        <span class="muted">{tn("panel_itemCount", order.items.length, order.items.length)}</span>
      </header>
      <ul class="items">
        {items.map((item) => (
          <li
            key={item.id}
            class="item"
            data-testid="stack-item"
            data-item-id={item.id}
            data-paid-cents={item.paid}
          >
            <span class="item-title" title={item.title}>
              {item.title}
            </span>
            <span class="item-qty">{t("panel_quantity", item.quantity)}</span>
            <span class="item-price">
              {item.paid !== item.before && <s aria-hidden="true">{fmt(item.before)}</s>}
              <b aria-hidden="true">{fmt(item.paid)}</b>
              <span class="sr-only">{t("panel_paidLabel", fmt(item.paid), fmt(item.before))}</span>
            </span>
          </li>
        ))}
      </ul>
      {items.length < order.items.length && (
        <button type="button" class="btn-link" onClick={() => setAll(true)}>
          {tn("panel_itemCount", order.items.length, order.items.length)} ▾
        </button>
      )}

      <h3 class="slots-heading">{t("panel_slotsHeading")}</h3>
      {choices.length === 0 ? (
        <p class="muted">{t("panel_noDiscounts")}</p>
      ) : (
        <ul class="slots">
          {choices.map((slot) => (
            <li
              key={`${slot.kind}-${slot.label}`}
              class={`slot slot-${slot.kind}`}
              data-testid="stack-slot"
              data-slot={slot.kind}
              data-coupon-id={slot.couponId}
              data-cents={slot.amount}
            >
              <span class="slot-label">{slot.label}</span>
              <span class="slot-amount">−{fmt(slot.amount)}</span>
              <span class="slot-detail">
                {slot.detail}
                {slot.code !== undefined && <CopyCode code={slot.code} />}
              </span>
            </li>
          ))}
        </ul>
      )}

      <dl class="order-sum">
        {automatic.map((slot) => (
          <div key={slot.label} class="sum-row muted">
            <dt>{slot.label}</dt>
            <dd>−{fmt(slot.amount)}</dd>
          </div>
        ))}
        <div class="sum-row">
          <dt>{t("panel_shipping")}</dt>
          <dd>{order.shipping === 0 ? t("panel_shippingFree") : fmt(order.shipping)}</dd>
        </div>
        <div class="sum-row sum-total">
          <dt>{t("panel_orderTotal")}</dt>
          <dd data-testid="order-total" data-cents={order.total}>
            {fmt(order.total)}
          </dd>
        </div>
      </dl>
      {onPlaced && (
        <button type="button" class="btn btn-secondary btn-block" onClick={onPlaced} disabled={busy}>
          {t("panel_placed")}
        </button>
      )}
    </section>
  );
}
