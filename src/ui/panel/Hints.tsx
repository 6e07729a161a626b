import { t } from "../../services/i18n";
import type { HintView } from "./view";

/** Coupons just out of reach: what to add, and where, to unlock them. */
export function Hints({ hints }: { hints: HintView[] }) {
  if (hints.length === 0) return null;
  return (
    <section class="hints" aria-labelledby="hints-heading">
      <h2 id="hints-heading">{t("panel_hintsHeading")}</h2>
      <ul>
        {hints.map((h) => (
          <li key={h.couponId} data-testid="unlock-hint" data-coupon-id={h.couponId} data-cents={h.shortfall}>
            {h.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
