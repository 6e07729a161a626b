/**
 * "Paste coupons": any amount of copied text (a whole coupon page selected with
 * Ctrl+A works) becomes a list of coupon drafts to check, correct and add in
 * one go. Coupons already in the wallet are shown as such and not added again;
 * text the reader could not read is listed with the reason, never guessed.
 */
import { useRef, useState } from "preact/hooks";
import type { CouponKind } from "../../../../optimizer/schema";
import { couponFace, couponMinimum, KIND_LABELS } from "../../../services/coupon-labels";
import { dateTimeLabel } from "../../../services/format";
import { say, t, tn } from "../../../services/i18n";
import { listCoupons } from "../../../storage/wallet";
import { refusalText } from "../../../wallet/coupon-refusal";
import { type CouponDraft, type CouponRefusal, readCouponTextReport } from "../../../wallet/coupon-text";
import type { CouponForm as CouponFields, FieldErrors } from "../../../wallet/form";
import { draftToForm, formToDraft, isAlreadyThere, walletKeys } from "../../../wallet/paste";
import { useWriteContext } from "../../actions/announce";
import { addCapturedCoupons } from "../../actions/wallet";
import { useAction, useDb } from "../../shared/app";
import { FormButtons, SmallButton } from "../../shared/buttons";
import { CheckboxField, TextAreaField, TextField } from "../../shared/fields";
import { useFocusFirstControl } from "../../shared/focus";
import { useServices } from "../../shared/services";
import * as Terms from "./CouponTerms";

interface Row {
  key: number;
  draft: CouponDraft;
  /** The fields as first read, to tell which the shopper changed. */
  initial: CouponFields;
  form: CouponFields;
  unread: string[];
  include: boolean;
  alreadyThere: boolean;
  editing: boolean;
  errors: FieldErrors<keyof CouponFields>;
}

export interface PasteOutcome {
  added: number;
  alreadyThere: number;
}

interface Props {
  defaultCurrency: string;
  timeZone: string;
  onDone: (outcome: PasteOutcome | undefined) => void;
}

export function PasteCoupons({ defaultCurrency, timeZone, onDone }: Props) {
  const db = useDb();
  const writer = useWriteContext();
  const services = useServices();
  const { run, busy } = useAction();
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstControl(formRef);
  const [text, setText] = useState("");
  const [rows, setRows] = useState<Row[] | undefined>();
  const [refused, setRefused] = useState<CouponRefusal[]>([]);
  const [formError, setFormError] = useState<string | undefined>();
  const ctx = { timeZone, locale: services.locale };

  const read = async (e: Event) => {
    e.preventDefault();
    await run(async () => {
      const report = readCouponTextReport(text, {
        now: new Date(services.now()),
        timeZone,
        currency: defaultCurrency,
      });
      const keys = walletKeys(await listCoupons(db));
      setRefused(report.refused);
      setFormError(undefined);
      setRows(
        report.coupons.map((r, key) => {
          const alreadyThere = isAlreadyThere(r.coupon, keys);
          const form = draftToForm(r.coupon, ctx, defaultCurrency);
          const check = formToDraft(form, { ...ctx, now: services.now() }, { draft: r.coupon, form });
          return {
            key,
            draft: r.coupon,
            initial: form,
            form,
            unread: r.unread,
            include: !alreadyThere,
            alreadyThere,
            // A draft that cannot be added as read (no expiry, a store coupon without its store) opens for editing.
            editing: !alreadyThere && !check.ok,
            errors: check.ok ? {} : check.errors,
          };
        }),
      );
    });
  };

  const update = (key: number, change: Partial<Row>) =>
    setRows((list) => list?.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const chosen = rows?.filter((r) => r.include) ?? [];

  const add = async (e: Event) => {
    e.preventDefault();
    if (rows === undefined) return;
    const drafts: CouponDraft[] = [];
    let invalid = false;
    const checked = rows.map((r) => {
      if (!r.include) return r;
      const check = formToDraft(r.form, { ...ctx, now: services.now() }, { draft: r.draft, form: r.initial });
      if (!check.ok) {
        invalid = true;
        return { ...r, errors: check.errors, editing: true };
      }
      drafts.push(check.draft);
      return { ...r, errors: {} };
    });
    setRows(checked);
    if (invalid) {
      setFormError(t("pasteFixErrors"));
      return;
    }
    if (drafts.length === 0) return;
    let outcome: PasteOutcome | undefined;
    const ok = await run(async () => {
      const r = await addCapturedCoupons(writer, drafts, "paste", services.now());
      outcome = { added: r.added.length, alreadyThere: r.alreadyThere.length };
    });
    if (ok && outcome !== undefined) {
      onDone(outcome);
    }
  };

  if (rows === undefined)
    return (
      <form class="coupon-form paste-form" onSubmit={read} noValidate data-testid="paste-form" ref={formRef}>
        <h3>{t("pasteTitle")}</h3>
        <TextAreaField
          label={t("pasteLabel")}
          hint={t("pasteHint")}
          value={text}
          onValue={setText}
          rows={6}
          spellcheck={false}
          testId="paste-text"
        />
        <FormButtons
          submit={t("pasteRead")}
          testId="read-pasted"
          disabled={busy || text.trim() === ""}
          onCancel={() => onDone(undefined)}
        />
      </form>
    );

  return (
    <form class="coupon-form paste-form" onSubmit={add} noValidate data-testid="paste-review" ref={formRef}>
      <h3>{t("pasteTitle")}</h3>
      <p role="status" data-testid="paste-summary">
        {rows.length === 0 ? t("pasteNothing") : tn("pasteFound", rows.length, rows.length)}
      </p>
      {formError !== undefined && (
        <p class="field-error" role="alert">
          {formError}
        </p>
      )}
      {rows.length > 0 && (
        <ul class="coupon-list paste-list" data-testid="paste-drafts">
          {rows.map((r) => (
            <DraftRow
              key={r.key}
              row={r}
              locale={services.locale}
              timeZone={timeZone}
              defaultCurrency={defaultCurrency}
              onChange={(change) => update(r.key, change)}
            />
          ))}
        </ul>
      )}
      {refused.length > 0 && (
        <section class="paste-refused" data-testid="paste-refused">
          <h4>{t("pasteRefusedTitle")}</h4>
          <ul>
            {refused.map((x, i) => (
              <li key={i}>
                <strong>{say(refusalText(x.reason))}</strong> <q>{x.text}</q>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div class="button-row">
        {chosen.length > 0 && (
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="add-pasted">
            {tn("pasteAddCount", chosen.length, chosen.length)}
          </button>
        )}
        <button
          type="button"
          class="btn btn-quiet"
          onClick={() => setRows(undefined)}
          data-testid="paste-back"
        >
          {t("pasteBack")}
        </button>
        <button type="button" class="btn btn-quiet" onClick={() => onDone(undefined)}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

function DraftRow({
  row,
  locale,
  timeZone,
  defaultCurrency,
  onChange,
}: {
  row: Row;
  locale: string;
  timeZone: string;
  defaultCurrency: string;
  onChange: (change: Partial<Row>) => void;
}) {
  const { form, errors } = row;
  // The face follows the shopper's corrections as soon as they make a valid coupon.
  const check = formToDraft(form, { timeZone, locale }, { draft: row.draft, form: row.initial });
  const draft = check.ok ? check.draft : row.draft;
  const set = (field: keyof CouponFields) => (value: string) =>
    onChange({ form: { ...form, [field]: value } });
  const bind = Terms.couponBinder(form, set, errors);
  const kind = form.kind as CouponKind;
  return (
    <li class="coupon-item paste-item" data-testid="paste-draft">
      <div class="coupon-main">
        <CheckboxField
          label={`${couponFace(draft, locale, defaultCurrency)} · ${couponMinimum(draft, locale, defaultCurrency)}`}
          checked={row.include}
          disabled={row.alreadyThere}
          onChecked={(include) => onChange({ include })}
          testId="paste-include"
        />
        <p class="coupon-chips">
          <span class="chip">{t(KIND_LABELS[draft.kind])}</span>
          {draft.storeName !== undefined && (
            <span class="chip chip-outline">{t("storeChip", draft.storeName)}</span>
          )}
          {draft.code !== undefined && <code class="chip chip-code">{draft.code}</code>}
          {row.alreadyThere && (
            <span class="chip chip-accent" data-testid="already-there">
              {t("pasteAlreadyThere")}
            </span>
          )}
        </p>
        <p class="coupon-expiry">
          {draft.expiresAt === undefined
            ? t("pasteNoExpiry")
            : t("expiresOn", dateTimeLabel(draft.expiresAt, locale, timeZone))}
        </p>
        {row.unread.length > 0 && (
          <p class="field-hint" data-testid="paste-unread">
            {t("pasteUnread", row.unread.join(" "))}
          </p>
        )}
        {!row.alreadyThere && !row.editing && (
          <SmallButton
            tone="quiet"
            label={t("pasteEdit")}
            testId="paste-edit"
            onClick={() => onChange({ editing: true })}
          />
        )}
      </div>
      {row.editing && row.include && (
        <fieldset class="paste-fields" aria-label={t("pasteEdit")}>
          <Terms.KindField bind={bind} testIdPrefix="paste" />
          <div class="field-pair">
            <Terms.AmountFields form={form} bind={bind} testIdPrefix="paste" />
            <Terms.CurrencyField bind={bind} testIdPrefix="paste" />
          </div>
          <Terms.MinSpendField bind={bind} testIdPrefix="paste" />
          <TextField
            {...bind("expiresAt")}
            label={t("expiryDateLabel")}
            type="datetime-local"
            required
            testId="paste-expiry"
          />
          <Terms.StoreAndCodeFields bind={bind} kind={kind} testIdPrefix="paste" />
        </fieldset>
      )}
    </li>
  );
}
