import type { MonthSummary } from "../../../referral/tracker";
import { localDateLabel, moneyAmounts, monthLabel, numberLabel } from "../../../services/format";
import { t } from "../../../services/i18n";
import { Card } from "../../shared/fields";
import { useServices } from "../../shared/services";

/** This month's rewards against the cap: `n / cap`, what is pending, and when it resets. */
export function CapCard({ month, timeZone }: { month: MonthSummary; timeZone: string }) {
  const { locale } = useServices();
  const ratio = month.cap === 0 ? 1 : Math.min(1, month.credited / month.cap);
  return (
    <Card title={t("capCardTitle", monthLabel(month.month, locale))} testId="cap-card" class="cap-card">
      <div class="cap-figure">
        <span class="cap-used" data-testid="cap-used">{`${month.credited} / ${month.cap}`}</span>
        <span class="cap-caption">{t("capCaption")}</span>
      </div>
      {/* Decorative: the same numbers are in the text above. */}
      <div class={`meter ${month.capReached ? "meter-full" : ""}`} aria-hidden="true">
        <div class="meter-fill" style={{ width: `${Math.round(ratio * 100)}%` }} />
      </div>
      <dl class="stats">
        <div>
          <dt>{t("statPending")}</dt>
          <dd data-testid="cap-pending">{numberLabel(month.pending, locale)}</dd>
        </div>
        <div>
          <dt>{t("statSlotsLeft")}</dt>
          <dd data-testid="cap-slots-left">{numberLabel(month.slotsLeft, locale)}</dd>
        </div>
        <div>
          <dt>{t("statResets")}</dt>
          <dd data-testid="cap-reset" data-date={month.resetDate} title={timeZone}>
            {localDateLabel(month.resetDate, locale)}
          </dd>
        </div>
        <div>
          <dt>{t("statEarned")}</dt>
          <dd data-testid="cap-earned">{moneyAmounts(month.valueEarned, locale)}</dd>
        </div>
      </dl>
      <p class="muted-text zone-note">{t("zoneNote", timeZone)}</p>
    </Card>
  );
}
