/**
 * A coupon's terms as the wallet's forms take them: its kind, its amount (a
 * fixed amount, or a percent with its optional cap), its currency, store and
 * code. Shared by "Add coupon" and each draft of "Paste coupons", which differ
 * only in their test ids, hints and warnings.
 */
import { COUPON_KINDS, type CouponKind } from "../../../../optimizer/schema";
import { KIND_LABELS } from "../../../services/coupon-labels";
import { say, t } from "../../../services/i18n";
import type { CouponField, CouponForm, FieldErrors } from "../../../wallet/form";
import { fieldBinder, SelectField, TextField } from "../../shared/fields";

export type CouponBind = ReturnType<typeof fieldBinder<CouponField>>;

/** Binds the coupon form's fields to their values, setters and (said) errors. */
export const couponBinder = (
  form: CouponForm,
  set: (field: CouponField) => (value: string) => void,
  errors: FieldErrors<CouponField>,
): CouponBind => fieldBinder(form, set, (field) => say(errors[field]));

interface Common {
  bind: CouponBind;
  /** "coupon" gives `coupon-kind`, `coupon-amount`, `coupon-store`... */
  testIdPrefix: string;
}

export function KindField({ bind, testIdPrefix }: Common) {
  return (
    <SelectField
      label={t("couponKindLabel")}
      {...bind("kind")}
      choices={COUPON_KINDS.map((k) => ({ value: k, label: t(KIND_LABELS[k]) }))}
      testId={`${testIdPrefix}-kind`}
    />
  );
}

export function AmountFields({
  form,
  bind,
  warnings = {},
  testIdPrefix,
}: Common & { form: CouponForm; warnings?: FieldErrors<CouponField> }) {
  return form.amountType === "percent" ? (
    <>
      <TextField
        label={t("percentLabel")}
        {...bind("percent")}
        inputMode="decimal"
        testId={`${testIdPrefix}-percent`}
      />
      <TextField
        label={t("maxOffLabel")}
        hint={t("optional")}
        {...bind("maxOff")}
        inputMode="decimal"
        testId={`${testIdPrefix}-max-off`}
      />
    </>
  ) : (
    <TextField
      label={t("amountLabel")}
      {...bind("amount")}
      inputMode="decimal"
      warning={say(warnings.amount)}
      testId={`${testIdPrefix}-amount`}
    />
  );
}

/** Currency codes are upper case, whatever the shopper types. */
export function CurrencyField({ bind, testIdPrefix, ...rest }: Common & { class?: string; list?: string }) {
  const currency = bind("currency");
  return (
    <TextField
      {...rest}
      label={t("currencyLabel")}
      {...currency}
      onValue={(v) => currency.onValue(v.toUpperCase())}
      maxLength={3}
      autoComplete="off"
      testId={`${testIdPrefix}-currency`}
    />
  );
}

export function MinSpendField({ bind, hint, testIdPrefix }: Common & { hint?: string }) {
  return (
    <TextField
      label={t("minSpendLabel")}
      hint={hint}
      {...bind("minSpend")}
      inputMode="decimal"
      testId={`${testIdPrefix}-min-spend`}
    />
  );
}

/** The store is required of a store coupon, the code of a promo code; their labels say so. */
export function StoreAndCodeFields({
  bind,
  kind,
  storeList,
  testIdPrefix,
}: Common & { kind: CouponKind; storeList?: string }) {
  return (
    <>
      <TextField
        label={kind === "store" ? t("storeLabelRequired") : t("storeLabel")}
        {...bind("storeId")}
        list={storeList}
        autoComplete="off"
        testId={`${testIdPrefix}-store`}
      />
      <TextField
        label={kind === "promo" ? t("codeLabelRequired") : t("codeLabel")}
        {...bind("code")}
        autoComplete="off"
        spellcheck={false}
        testId={`${testIdPrefix}-code`}
      />
    </>
  );
}
