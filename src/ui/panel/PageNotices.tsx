import type { Incomplete, UnavailableLine } from "../../adapters/types";
import type { StackUpdate } from "../../messaging/checkout";
import { money } from "../../services/format";
import { t } from "../../services/i18n";

/**
 * What the page itself says that limits what the panel shows: lines it has
 * not loaded (the figures are then a part, never the whole cart), a summary
 * that contradicts what Stackwise read, and lines it will not check out.
 */
export function IncompleteNotice({ why }: { why: Incomplete | undefined }) {
  if (!why) return null;
  return (
    <p class="notice notice-problem" role="status" data-testid="cart-incomplete" data-why={why}>
      {t(why === "more-lines" ? "panel_incompleteMore" : "panel_incompleteRows")}
    </p>
  );
}

export function MismatchNotice({ stack, locale }: { stack: StackUpdate; locale: string }) {
  const { mismatch } = stack;
  if (!mismatch) return null;
  return (
    <p class="notice notice-problem" role="alert" data-testid="page-mismatch" data-kind={mismatch.kind}>
      {mismatch.kind === "subtotal"
        ? t("panel_mismatchSubtotal", mismatch.page, money(mismatch.ours, stack.cart.currency, locale))
        : mismatch.kind === "count"
          ? t("panel_mismatchCount", mismatch.page, mismatch.ours)
          : t("panel_mismatchCurrency", mismatch.page, mismatch.ours)}
    </p>
  );
}

/** Lines the page shows but will not check out, each with the page's reason; never in any order. */
export function UnavailableLines({ lines = [] }: { lines: UnavailableLine[] | undefined }) {
  if (lines.length === 0) return null;
  return (
    <section class="unavailable" aria-labelledby="unavailable-heading" data-testid="unavailable-lines">
      <h2 id="unavailable-heading">{t("panel_unavailableHeading")}</h2>
      <ul>
        {lines.map((line, n) => (
          <li key={`${line.cartId ?? line.itemId ?? ""}-${n}`} data-testid="unavailable-line">
            {t("panel_unavailableLine", line.title, line.reason || t("panel_unavailableNoReason"))}
          </li>
        ))}
      </ul>
    </section>
  );
}
