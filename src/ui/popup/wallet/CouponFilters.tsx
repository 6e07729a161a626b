import { COUPON_KINDS, type CouponKind } from "../../../../optimizer/schema";
import { KIND_LABELS } from "../../../services/coupon-labels";
import { t } from "../../../services/i18n";
import type { CouponFilter } from "../../../wallet/coupons";
import { SelectField } from "../../shared/fields";

/** The store choice "" means every store, NO_STORE the coupons that name none. */
const NO_STORE = "\u0000none";

export function CouponFilters({
  filter,
  stores,
  onChange,
}: {
  filter: CouponFilter;
  stores: readonly string[];
  onChange: (filter: CouponFilter) => void;
}) {
  const storeValue = filter.storeId === undefined ? "" : filter.storeId === null ? NO_STORE : filter.storeId;
  return (
    <div class="filters" data-testid="coupon-filters">
      <SelectField
        label={t("filterKind")}
        value={filter.kind ?? "all"}
        onValue={(v) => onChange({ ...filter, kind: v as CouponKind | "all" })}
        choices={[
          { value: "all", label: t("filterAllKinds") },
          ...COUPON_KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) })),
        ]}
        testId="filter-kind"
      />
      <SelectField
        label={t("filterStore")}
        value={storeValue}
        onValue={(v) => {
          const next: CouponFilter = { ...filter };
          if (v === "") delete next.storeId;
          else next.storeId = v === NO_STORE ? null : v;
          onChange(next);
        }}
        choices={[
          { value: "", label: t("filterAllStores") },
          { value: NO_STORE, label: t("filterNoStore") },
          ...stores.map((s) => ({ value: s, label: s })),
        ]}
        testId="filter-store"
      />
    </div>
  );
}
