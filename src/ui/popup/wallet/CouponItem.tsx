import { couponFace, couponMinimum, kindLabel, sourceLabel } from "../../../services/coupon-labels";
import { t } from "../../../services/i18n";
import { couponExpiryLine, couponRowClass, couponRowState } from "../../../services/wallet-screen";
import type { StoredCoupon } from "../../../storage/schemas";
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

/**
 * One coupon: what it takes off, when it expires, and what can be done with it. The
 * background draws the same row without Preact (walletScreen in src/services/wallet-screen.ts;
 * a unit test holds the two equal): a change here is made there too.
 */
export function CouponItem({ coupon: c, timeZone, defaultCurrency, onEdit, onChanged }: Props) {
  const services = useServices();
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const { locale } = services;
  const now = services.now();
  const face = couponFace(c, locale, defaultCurrency);
  const state = couponRowState(c, now);
  const { soon, notStarted } = state;

  const act = async (action: () => Promise<unknown>) => {
    if (await run(action)) {
      onChanged();
    }
  };

  return (
    <li
      class={couponRowClass(state, c)}
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
          {couponExpiryLine(c, state, { locale, timeZone, now })}
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
