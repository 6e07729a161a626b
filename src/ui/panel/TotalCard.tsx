import { money } from "../../services/format";
import { t } from "../../services/i18n";
import type { StackView } from "./view";

/** The figure that matters first: what the shopper pays, then what that saves. */
interface Props {
  view: StackView;
  locale: string;
  /** A one-order stack while a cheaper split is searched. */
  refining: boolean;
  /** The page is changing its cart: this stack is about to be replaced. */
  updating: boolean;
  /** The page has not shown every line: the figure is for the lines read, not the whole cart. */
  partial?: boolean;
}

export function TotalCard({ view, locale, refining, updating, partial = false }: Props) {
  const fmt = (cents: number) => money(cents, view.currency, locale);
  return (
    <section class="total-card" aria-labelledby="total-label">
      <p class="total-label" id="total-label">
        {t(partial ? "panel_youPayLoaded" : "panel_youPay")}
        {updating && <span class="pill">{t("panel_updating")}</span>}
      </p>
      <p class="total" data-testid="stack-total" data-cents={view.total}>
        {fmt(view.total)}
      </p>
      <p class="savings" data-testid="stack-savings" data-cents={view.savings}>
        {t("panel_savings", fmt(view.savings))}
      </p>
      <p class="vs-greedy" data-testid="stack-vs-greedy" data-cents={view.beyondGreedy}>
        {view.beyondGreedy > 0 ? t("panel_beyondGreedy", fmt(view.beyondGreedy)) : t("panel_sameAsGreedy")}
      </p>
      {view.unticked > 0 && (
        <p class="fine-print" data-testid="stack-unticked">
          {t("panel_unticked", view.unticked)}
        </p>
      )}
      {refining ? (
        <p class="fine-print">{t("panel_refining")}</p>
      ) : (
        !view.optimal && <p class="fine-print">{t("panel_notProven")}</p>
      )}
    </section>
  );
}
