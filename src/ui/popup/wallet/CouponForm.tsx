import { useId, useRef, useState } from "preact/hooks";
import type { CouponKind } from "../../../../optimizer/schema";
import { SOURCE_LABELS } from "../../../services/coupon-labels";
import { say, t } from "../../../services/i18n";
import type { StoredCoupon } from "../../../storage/schemas";
import { COUPON_SOURCES } from "../../../wallet/coupons";
import {
  type CouponField,
  type CouponForm as CouponFormFields,
  couponToForm,
  emptyCouponForm,
  type FieldErrors,
  validateCouponForm,
} from "../../../wallet/form";
import { useWriteContext } from "../../actions/announce";
import { addCoupon, saveCoupon } from "../../actions/wallet";
import { useAction } from "../../shared/app";
import { FormButtons } from "../../shared/buttons";
import { RadioGroup, SelectField, TextField } from "../../shared/fields";
import { useFocusFirstControl } from "../../shared/focus";
import { useServices } from "../../shared/services";
import * as Terms from "./CouponTerms";

const COMMON_CURRENCIES = [
  "USD",
  "EUR",
  "GBP",
  "BRL",
  "MXN",
  "PLN",
  "KRW",
  "JPY",
  "AUD",
  "CAD",
  "CHF",
  "TRY",
];

/** The form's dates split in two: a date always, a time only when the coupon is not "all day". */
interface DateParts {
  expiresDate: string;
  expiresTime: string;
  startDate: string;
  startTime: string;
}

function splitDates(form: CouponFormFields): DateParts {
  const [expiresDate = "", expiresTime = ""] = form.expiresAt.split("T");
  const [startDate = "", startTime = ""] = form.validFrom.split("T");
  return {
    expiresDate,
    // An expiry at the day's last minute or a start at midnight reads as a bare date.
    expiresTime: expiresTime === "23:59" ? "" : expiresTime,
    startDate,
    startTime: startTime === "00:00" ? "" : startTime,
  };
}

const join = (date: string, time: string) => (date !== "" && time !== "" ? `${date}T${time}` : date);

interface Props {
  /** The coupon being edited; a new one when absent. */
  coupon?: StoredCoupon;
  defaultCurrency: string;
  timeZone: string;
  stores: readonly string[];
  onDone: (saved: StoredCoupon | undefined) => void;
}

export function CouponForm({ coupon, defaultCurrency, timeZone, stores, onDone }: Props) {
  const services = useServices();
  const writer = useWriteContext();
  const { run, busy } = useAction();
  const listId = useId();
  const initial =
    coupon === undefined
      ? emptyCouponForm(defaultCurrency)
      : couponToForm(coupon, { timeZone, locale: services.locale }, defaultCurrency);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstControl(formRef);
  const [form, setForm] = useState<CouponFormFields>(initial);
  const [dates, setDates] = useState<DateParts>(splitDates(initial));
  const [errors, setErrors] = useState<FieldErrors<CouponField>>({});
  const [warnings, setWarnings] = useState<FieldErrors<CouponField>>({});

  const set = (field: keyof CouponFormFields) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));
  const setDate = (field: keyof DateParts) => (value: string) => setDates((d) => ({ ...d, [field]: value }));
  const bind = Terms.couponBinder(form, set, errors);

  const submit = async (e: Event) => {
    e.preventDefault();
    const full: CouponFormFields = {
      ...form,
      expiresAt: join(dates.expiresDate, dates.expiresTime),
      validFrom: join(dates.startDate, dates.startTime),
    };
    const result = validateCouponForm(
      full,
      { timeZone, locale: services.locale, now: services.now() },
      coupon === undefined ? undefined : { id: coupon.id, status: coupon.status },
    );
    setWarnings(result.warnings);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    let saved: StoredCoupon | undefined;
    const ok = await run(async () => {
      if (coupon === undefined) saved = await addCoupon(writer, result.value, services.now());
      else {
        const { addedAt, usedAt, referralId, note, storeName, importId, capturedKey } = coupon;
        // editedAt marks the shopper's own work: captures never overwrite it and an undo keeps it.
        const editedAt = new Date(services.now()).toISOString();
        saved = await saveCoupon(
          writer,
          { ...result.value, addedAt, usedAt, referralId, note, storeName, importId, capturedKey, editedAt },
          services.now(),
        );
      }
    });
    if (ok) {
      onDone(saved);
    }
  };

  const kind = form.kind as CouponKind;
  return (
    <form class="coupon-form" onSubmit={submit} noValidate data-testid="coupon-form" ref={formRef}>
      <h3>{coupon === undefined ? t("addCouponTitle") : t("editCouponTitle")}</h3>
      {errors.form !== undefined && (
        <p class="field-error" role="alert">
          {say(errors.form)}
        </p>
      )}
      <Terms.KindField bind={bind} testIdPrefix="coupon" />
      <RadioGroup
        legend={t("amountTypeLegend")}
        name="amount-type"
        value={form.amountType}
        onValue={set("amountType")}
        choices={[
          { value: "fixed", label: t("amountTypeFixed") },
          { value: "percent", label: t("amountTypePercent") },
        ]}
        error={say(errors.amountType)}
      />
      <div class="field-pair">
        <Terms.AmountFields form={form} bind={bind} warnings={warnings} testIdPrefix="coupon" />
        <Terms.CurrencyField
          class={form.amountType === "percent" ? "field-full" : ""}
          list={`${listId}-currencies`}
          bind={bind}
          testIdPrefix="coupon"
        />
      </div>
      <datalist id={`${listId}-currencies`}>
        {COMMON_CURRENCIES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <Terms.MinSpendField bind={bind} hint={t("minSpendHint")} testIdPrefix="coupon" />
      <div class="field-pair">
        <TextField
          label={t("expiryDateLabel")}
          type="date"
          value={dates.expiresDate}
          onValue={setDate("expiresDate")}
          error={say(errors.expiresAt)}
          warning={say(warnings.expiresAt)}
          required
          testId="coupon-expiry"
        />
        <TextField
          label={t("expiryTimeLabel")}
          hint={t("expiryTimeHint")}
          type="time"
          value={dates.expiresTime}
          onValue={setDate("expiresTime")}
          testId="coupon-expiry-time"
        />
      </div>
      <div class="field-pair">
        <TextField
          label={t("startDateLabel")}
          hint={t("optional")}
          type="date"
          value={dates.startDate}
          onValue={setDate("startDate")}
          error={say(errors.validFrom)}
          testId="coupon-start"
        />
        <TextField
          label={t("startTimeLabel")}
          hint={t("optional")}
          type="time"
          value={dates.startTime}
          onValue={setDate("startTime")}
          testId="coupon-start-time"
        />
      </div>
      <Terms.StoreAndCodeFields
        bind={bind}
        kind={kind}
        storeList={`${listId}-stores`}
        testIdPrefix="coupon"
      />
      <datalist id={`${listId}-stores`}>
        {stores.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <SelectField
        {...bind("source")}
        label={t("sourceLabel")}
        choices={COUPON_SOURCES.map((s) => ({ value: s, label: t(SOURCE_LABELS[s]) }))}
        testId="coupon-source"
      />
      <FormButtons
        submit={t("saveCoupon")}
        testId="save-coupon"
        disabled={busy}
        onCancel={() => onDone(undefined)}
      />
    </form>
  );
}
