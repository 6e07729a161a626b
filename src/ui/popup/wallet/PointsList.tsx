import { useState } from "preact/hooks";
import type { Points } from "../../../../optimizer/schema";
import { dateLabel, money, numberLabel } from "../../../services/format";
import { t, tn } from "../../../services/i18n";
import { arePointsExpired, pointsValue } from "../../../wallet/coupons";
import { useWriteContext } from "../../actions/announce";
import { removePoints } from "../../actions/wallet";
import { useAction } from "../../shared/app";
import { SmallButton } from "../../shared/buttons";
import { useServices } from "../../shared/services";
import { PointsForm } from "./PointsForm";

/** Loyalty points per store, with their value and limits. */
export function PointsList({
  points,
  currency,
  timeZone,
  onChanged,
}: {
  points: readonly Points[];
  currency: string;
  timeZone: string;
  onChanged: () => void;
}) {
  const services = useServices();
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const [editing, setEditing] = useState<Points | "new" | undefined>();
  const { locale } = services;
  const done = (saved: boolean) => {
    setEditing(undefined);
    if (saved) onChanged();
  };

  return (
    <div class="points" data-testid="points">
      <h3>{t("pointsTitle")}</h3>
      {points.length === 0 && editing === undefined && <p class="muted-text">{t("noPoints")}</p>}
      <ul class="points-list">
        {points.map((p) =>
          editing !== undefined && editing !== "new" && editing.storeId === p.storeId ? (
            <li key={p.storeId}>
              <PointsForm points={p} timeZone={timeZone} onDone={done} />
            </li>
          ) : (
            <li key={p.storeId} class="points-item" data-testid="points-item">
              <div>
                <p class="points-store">{p.storeId}</p>
                <p class="balance-amount">
                  {tn(
                    "pointsBalance",
                    p.balance,
                    numberLabel(p.balance, locale),
                    money(pointsValue(p), currency, locale),
                  )}
                </p>
                <p class="balance-rules">
                  {p.minRedeem > 0 && `${t("pointsMinRule", numberLabel(p.minRedeem, locale))} `}
                  {p.maxPerOrder !== undefined &&
                    `${t("pointsMaxRule", numberLabel(p.maxPerOrder, locale))} `}
                  {p.expiresAt !== undefined &&
                    (arePointsExpired(p, services.now())
                      ? t("pointsExpired", dateLabel(p.expiresAt, locale, timeZone))
                      : t("pointsExpire", dateLabel(p.expiresAt, locale, timeZone)))}
                </p>
              </div>
              <div class="button-row">
                <SmallButton
                  label={t("edit")}
                  named={t("editPointsNamed", p.storeId)}
                  onClick={() => setEditing(p)}
                />
                <SmallButton
                  tone="danger-text"
                  label={t("delete")}
                  named={t("deleteNamed", p.storeId)}
                  disabled={busy}
                  onClick={async () => {
                    if (await run(() => removePoints(writer, p.storeId))) onChanged();
                  }}
                />
              </div>
            </li>
          ),
        )}
      </ul>
      {editing === "new" ? (
        <PointsForm timeZone={timeZone} onDone={done} />
      ) : (
        <SmallButton label={t("addPoints")} testId="add-points" onClick={() => setEditing("new")} />
      )}
    </div>
  );
}
