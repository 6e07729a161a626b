/**
 * A coupon's amount as the wallet's forms take it: a fixed amount, or a
 * percent with its optional cap. Shared by "Add coupon" and each draft of
 * "Paste coupons", which differ only in their test ids and warnings.
 */
import type { CouponField, CouponForm, FieldErrors } from "../../../wallet/form";
import { say, t } from "../../i18n";
import { TextField } from "../../shared/fields";

interface Props {
  form: CouponForm;
  errors: FieldErrors<CouponField>;
  warnings?: FieldErrors<CouponField>;
  set: (field: CouponField) => (value: string) => void;
  /** "coupon" gives `coupon-amount`, `coupon-percent`, `coupon-max-off`. */
  testIdPrefix: string;
}

export function AmountFields({ form, errors, warnings = {}, set, testIdPrefix }: Props) {
  return form.amountType === "percent" ? (
    <>
      <TextField
        label={t("percentLabel")}
        value={form.percent}
        onValue={set("percent")}
        inputMode="decimal"
        error={say(errors.percent)}
        testId={`${testIdPrefix}-percent`}
      />
      <TextField
        label={t("maxOffLabel")}
        hint={t("optional")}
        value={form.maxOff}
        onValue={set("maxOff")}
        inputMode="decimal"
        error={say(errors.maxOff)}
        testId={`${testIdPrefix}-max-off`}
      />
    </>
  ) : (
    <TextField
      label={t("amountLabel")}
      value={form.amount}
      onValue={set("amount")}
      inputMode="decimal"
      error={say(errors.amount)}
      warning={say(warnings.amount)}
      testId={`${testIdPrefix}-amount`}
    />
  );
}
