import { useRef, useState } from "preact/hooks";
import type { StoredCoupon } from "../../../storage/schemas";
import { getWallet } from "../../../storage/wallet";
import { type CouponFilter, filterCoupons, groupCoupons, walletStoreIds } from "../../../wallet/coupons";
import { t } from "../../i18n";
import { Pending, useDb, useLoad, useWalletChanged } from "../../shared/app";
import { Card } from "../../shared/fields";
import { useReturnFocus } from "../../shared/focus";
import { useServices } from "../../shared/services";
import { CoinsCard } from "./CoinsCard";
import { CouponFilters } from "./CouponFilters";
import { CouponForm } from "./CouponForm";
import { CouponItem } from "./CouponItem";
import { CouponSection } from "./CouponSection";
import { PointsList } from "./PointsList";

interface Props {
  currency: string;
  timeZone: string;
}

/** Coupons sorted by expiry (usable, expired and used apart), coins and store points. */
export function WalletTab({ currency, timeZone }: Props) {
  const db = useDb();
  const services = useServices();
  const wallet = useLoad(() => getWallet(db), [db]);
  useWalletChanged(wallet.reload);
  const [filter, setFilter] = useState<CouponFilter>({});
  const [editing, setEditing] = useState<StoredCoupon | "new" | undefined>();
  const addButton = useRef<HTMLButtonElement>(null);
  const returnFocusTo = useReturnFocus(editing !== undefined);
  const edit = (coupon: StoredCoupon | "new") => {
    returnFocusTo(() =>
      coupon === "new"
        ? addButton.current
        : [...document.querySelectorAll<HTMLElement>("[data-coupon-id]")]
            .find((item) => item.dataset.couponId === coupon.id)
            ?.querySelector<HTMLElement>('[data-testid="edit-coupon"]'),
    );
    setEditing(coupon);
  };

  if (wallet.error !== undefined || wallet.data === undefined)
    return <Pending error={wallet.error} onRetry={wallet.reload} />;
  const { coupons, coins, points } = wallet.data;
  const stores = walletStoreIds(coupons, points);
  const groups = groupCoupons(filterCoupons(coupons, filter), services.now());
  const shown = groups.active.length + groups.expired.length + groups.used.length;
  const item = (c: StoredCoupon) => (
    <CouponItem
      key={c.id}
      coupon={c}
      timeZone={timeZone}
      defaultCurrency={currency}
      onEdit={edit}
      onChanged={wallet.reload}
    />
  );

  return (
    <>
      <Card
        title={t("couponsCardTitle")}
        testId="coupons-card"
        actions={
          editing === undefined && (
            <button
              type="button"
              class="btn btn-small btn-primary"
              ref={addButton}
              onClick={() => edit("new")}
              data-testid="add-coupon"
            >
              {t("addCoupon")}
            </button>
          )
        }
      >
        {editing !== undefined ? (
          <CouponForm
            key={editing === "new" ? "new" : editing.id}
            coupon={editing === "new" ? undefined : editing}
            defaultCurrency={currency}
            timeZone={timeZone}
            stores={stores}
            onDone={(saved) => {
              setEditing(undefined);
              if (saved !== undefined) wallet.reload();
            }}
          />
        ) : (
          <>
            {coupons.length > 0 && <CouponFilters filter={filter} stores={stores} onChange={setFilter} />}
            {coupons.length === 0 ? (
              <p class="empty" data-testid="no-coupons">
                {t("noCoupons")}
              </p>
            ) : shown === 0 ? (
              <p class="empty">{t("noCouponsMatch")}</p>
            ) : null}
            <CouponSection title={t("sectionUsable")} count={groups.active.length} testId="coupons-active">
              {groups.active.map(item)}
            </CouponSection>
            <CouponSection
              title={t("sectionExpired")}
              count={groups.expired.length}
              testId="coupons-expired"
              muted
            >
              {groups.expired.map(item)}
            </CouponSection>
            <CouponSection title={t("sectionUsed")} count={groups.used.length} testId="coupons-used" muted>
              {groups.used.map(item)}
            </CouponSection>
          </>
        )}
      </Card>
      <Card title={t("balancesCardTitle")} testId="balances-card">
        <CoinsCard coins={coins} currency={currency} onChanged={wallet.reload} />
        <PointsList points={points} currency={currency} timeZone={timeZone} onChanged={wallet.reload} />
      </Card>
    </>
  );
}
