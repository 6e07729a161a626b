import { couponFace, couponMinimum, kindLabel, sourceLabel } from "../../../services/coupon-labels";
import { dateTimeLabel, timeLeftLabel } from "../../../services/format";
import { t } from "../../../services/i18n";
import type { StoredCoupon } from "../../../storage/schemas";
import { isExpired, isExpiringSoon, isNotStarted } from "../../../wallet/coupons";
import { useWriteContext } from "../../actions/announce";
import { removeCoupons, setCouponStatus } from "../../actions/wallet";
import { useAction } from "../../shared/app";
import { DeleteWithConfirm, SmallButton } from "../../shared/buttons";
import { useServices } from "../../shared/services";

interface Props {
  coupon: StoredCoupon;
  timeZone: string;
  defaultCurrency: string;
  onEdit: (coupon: StoredCoupon) => void;
  onChanged: () => void;
}

/** One coupon: what it takes off, when it expires, and what can be done with it. */
export function CouponItem({ coupon: c, timeZone, defaultCurrency, onEdit, onChanged }: Props) {
  const services = useServices();
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const { locale } = services;
  const now = services.now();
  const face = couponFace(c, locale, defaultCurrency);
  const soon = isExpiringSoon(c, now);
  const expired = c.status === "active" && isExpired(c, now);
  const notStarted = c.status === "active" && isNotStarted(c, now);

  const act = async (action: () => Promise<unknown>) => {
    if (await run(action)) {
      onChanged();
    }
  };

  return (
    <li
      class={`coupon ${soon ? "coupon-soon" : ""} ${expired ? "coupon-expired" : ""} ${c.status === "used" ? "coupon-used" : ""}`}
      data-testid="coupon-item"
      data-coupon-id={c.id}
      data-expiring-soon={soon}
    >
      <div class="coupon-main">
        <p class="coupon-face" data-testid="coupon-face">
          {face}
        </p>
        <p class="coupon-min">{couponMinimum(c, locale, defaultCurrency)}</p>
        <p class="coupon-chips">
          <span class="chip">{kindLabel(c.kind)}</span>
          {c.storeId !== undefined && (
            <span class="chip chip-outline">{t("storeChip", c.storeName ?? c.storeId)}</span>
          )}
          {c.code !== undefined && <code class="chip chip-code">{c.code}</code>}
          {soon && (
            <span class="chip chip-warning" data-testid="expiring-soon">
              {t("expiringSoonChip")}
            </span>
          )}
          {notStarted && <span class="chip chip-outline">{t("notStartedChip")}</span>}
          {c.source !== undefined && c.source !== "manual" && (
            <span class="chip chip-outline">{sourceLabel(c.source)}</span>
          )}
        </p>
        <p class="coupon-expiry" data-testid="coupon-expiry">
          {c.status === "used"
            ? t("usedOn", dateTimeLabel(c.usedAt ?? c.expiresAt, locale, timeZone))
            : expired
              ? t("expiredOn", dateTimeLabel(c.expiresAt, locale, timeZone))
              : soon
                ? t(
                    "expiresSoonAt",
                    dateTimeLabel(c.expiresAt, locale, timeZone),
                    timeLeftLabel(now, c.expiresMs, locale),
                  )
                : t("expiresOn", dateTimeLabel(c.expiresAt, locale, timeZone))}
        </p>
      </div>
      <div class="coupon-actions button-row">
        <DeleteWithConfirm
          named={t("deleteNamed", face)}
          testId="delete-coupon"
          busy={busy}
          onConfirm={() => act(() => removeCoupons(writer, [c.id]))}
        >
          <SmallButton
            label={t("edit")}
            named={t("editCouponNamed", face)}
            testId="edit-coupon"
            onClick={() => onEdit(c)}
          />
          <SmallButton
            tone="quiet"
            label={c.status === "used" ? t("markUnused") : t("markUsed")}
            named={t(c.status === "used" ? "markUnusedNamed" : "markUsedNamed", face)}
            testId="toggle-used"
            disabled={busy}
            onClick={() =>
              act(() =>
                setCouponStatus(writer, c.id, c.status === "used" ? "active" : "used", services.now()),
              )
            }
          />
        </DeleteWithConfirm>
      </div>
    </li>
  );
}
