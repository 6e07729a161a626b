import type { ApplyResultSchema } from "../../messaging/checkout";
import { money } from "../../services/format";
import { say, t } from "../../services/i18n";
import type { PageCheck, TaxCheck } from "./page-check";

export type ApplyStatus = import("zod").output<typeof ApplyResultSchema>;

interface Props {
  check: PageCheck;
  locale: string;
  /** Apply is offered (one order, on a checkout). */
  canApply: boolean;
  busy: boolean;
  onApply: () => void;
  /** The page's answer to the last Apply, while this stack is on screen. */
  status: ApplyStatus | undefined;
}

/** What the checkout page charges, held to the stack: totals, taxes, differences, and the coupons to pick. */
export function PageCheckCard({ check, locale, canApply, busy, onApply, status }: Props) {
  const { figures } = check;
  const fmt = (cents: number) => money(cents, figures.currency, locale);
  return (
    <section class="page-check" aria-labelledby="page-check-heading" data-testid="page-check">
      <h2 id="page-check-heading">{t("panel_pageHeading")}</h2>
      <dl class="order-sum">
        <div class="sum-row sum-total">
          <dt>{t("panel_pageTotal")}</dt>
          <dd data-testid="page-total" data-cents={figures.total}>
            {fmt(figures.total)}
          </dd>
        </div>
        <div class="sum-row">
          <dt>{t("panel_pageTax")}</dt>
          <dd data-testid="page-tax" data-cents={figures.tax}>
            {fmt(figures.tax)}
          </dd>
        </div>
        {check.taxes.map((tax, n) => (
          <div
            key={`${tax.title}-${n}`}
            class="sum-row muted"
            data-testid="page-tax-line"
            data-cents={tax.cents}
          >
            <dt>{tax.title}</dt>
            <dd>{fmt(tax.cents)}</dd>
          </div>
        ))}
      </dl>
      <p
        class={`notice ${check.difference === 0 ? "notice-ok" : "notice-problem"}`}
        data-testid="page-compare"
        data-cents={check.difference}
        data-state={check.difference === 0 ? "same" : "differs"}
      >
        {check.summary}
      </p>
      {check.taxCheck && (
        <div
          class={`notice ${taxCheckState(check.taxCheck) === "differs" ? "notice-problem" : taxCheckState(check.taxCheck) === "same" ? "notice-ok" : ""}`}
          data-testid="page-tax-check"
          data-cents={check.taxCheck.page - check.taxCheck.predicted}
          data-state={taxCheckState(check.taxCheck)}
        >
          {check.taxCheck.sentences.map((s) => (
            <p key={s} data-testid="page-tax-difference">
              {s}
            </p>
          ))}
        </div>
      )}
      {check.differences.length > 0 && (
        <ul class="page-differences">
          {check.differences.map((d) => (
            <li key={d} data-testid="page-difference">
              {d}
            </li>
          ))}
        </ul>
      )}
      {check.choices.length > 0 && (
        <>
          <h3 class="slots-heading">{t("panel_pickHeading")}</h3>
          <ul class="slots">
            {check.choices.map((c) => (
              <li
                key={`${c.kind}-${c.couponId}`}
                class={`slot pick-${c.state}`}
                data-testid="coupon-choice"
                data-kind={c.kind}
                data-coupon-id={c.couponId}
                data-state={c.state}
              >
                <span class="slot-label">{c.text}</span>
                <span class="slot-detail">{c.stateText}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {canApply && (
        <button type="button" class="btn btn-primary btn-block" disabled={busy} onClick={onApply}>
          {t("panel_apply")}
        </button>
      )}
      {status && (
        <p
          class={`notice ${status.state === "applied" || status.state === "nothing-to-apply" ? "notice-ok" : "notice-problem"}`}
          role="status"
          data-testid="apply-status"
          data-state={status.state}
        >
          {say(status.message)}
        </p>
      )}
      <p class="fine-print">{t(figures.source === "api" ? "panel_pageSourceApi" : "panel_pageSourceDom")}</p>
    </section>
  );
}

/** "calibrated": the rate came from this checkout's lines, so agreeing proves nothing. */
const taxCheckState = (c: TaxCheck): "same" | "differs" | "calibrated" =>
  c.page !== c.predicted ? "differs" : c.independent ? "same" : "calibrated";
