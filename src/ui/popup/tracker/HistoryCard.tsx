import type { MonthHistory } from "../../../referral/tracker";
import { moneyAmounts, monthLabel, numberLabel } from "../../../services/format";
import { t } from "../../../services/i18n";
import { Card } from "../../shared/fields";
import { useServices } from "../../shared/services";

/** One row per month with activity, newest first. */
export function HistoryCard({ history }: { history: readonly MonthHistory[] }) {
  const { locale } = useServices();
  return (
    <Card title={t("historyTitle")} testId="history-card">
      <table class="history">
        <thead>
          <tr>
            <th scope="col">{t("historyMonth")}</th>
            <th scope="col">{t("historyInvited")}</th>
            <th scope="col">{t("historyCredited")}</th>
            <th scope="col">{t("historyLost")}</th>
            <th scope="col">{t("historyEarned")}</th>
          </tr>
        </thead>
        <tbody>
          {history.map((h) => (
            <tr key={h.month} data-testid="history-row" data-month={h.month}>
              <th scope="row">{monthLabel(h.month, locale)}</th>
              <td>{numberLabel(h.invited, locale)}</td>
              <td>{numberLabel(h.credited, locale)}</td>
              <td title={t("historyLostDetail", h.voided, h.ineligible, h.overCap)}>
                {numberLabel(h.voided + h.ineligible + h.overCap, locale)}
              </td>
              <td>{moneyAmounts(h.valueEarned, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
