import { useRef, useState } from "preact/hooks";
import type { StoredCoupon } from "../../../storage/schemas";
import { getWalletSummary } from "../../../storage/wallet";
import type { CouponFilter } from "../../../wallet/coupons";
import { t } from "../../i18n";
import { useDb, useLoad } from "../../shared/app";
import { ErrorBanner } from "../../shared/ErrorBanner";
import { Card } from "../../shared/fields";
import { useReturnFocus } from "../../shared/focus";
import { CoinsCard } from "./CoinsCard";
import { CouponFilters } from "./CouponFilters";
import { CouponForm } from "./CouponForm";
import { CouponList } from "./CouponList";
import { PointsList } from "./PointsList";

interface Props {
  currency: string;
  timeZone: string;
}

/** Coupons sorted by expiry (usable, expired and used apart), coins and store points. */
export function WalletTab({ currency, timeZone }: Props) {
  const db = useDb();
  // Counts, stores, coins and points; the coupons themselves come a page at a time (CouponList).
  const wallet = useLoad(() => getWalletSummary(db), [db]);
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

  if (wallet.error !== undefined) return <ErrorBanner error={wallet.error} onRetry={wallet.reload} />;
  if (wallet.data === undefined)
    return (
      <p class="loading" aria-busy="true">
        {t("loading")}
      </p>
    );
  const { couponCount, stores, coins, points } = wallet.data;

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
            {couponCount > 0 && <CouponFilters filter={filter} stores={stores} onChange={setFilter} />}
            <CouponList
              filter={filter}
              version={wallet.data}
              couponCount={couponCount}
              timeZone={timeZone}
              currency={currency}
              onEdit={edit}
              onChanged={wallet.reload}
            />
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
