/**
 * The buttons of list items and forms: one small action, a delete that asks
 * once more, and a form's submit-and-cancel row. Every action names what it
 * acts on for a screen reader (`named`), since a list shows many "Delete"s.
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { t } from "../../services/i18n";

export type Tone = "plain" | "primary" | "quiet" | "danger" | "danger-text";

const TONE_CLASSES: Record<Tone, string> = {
  plain: "btn btn-small",
  primary: "btn btn-small btn-primary",
  quiet: "btn btn-small btn-quiet",
  danger: "btn btn-small btn-danger",
  "danger-text": "btn btn-small btn-quiet btn-danger-text",
};

export function SmallButton({
  tone = "plain",
  label,
  named,
  testId,
  disabled,
  expanded,
  onClick,
}: {
  tone?: Tone;
  label: string;
  /** The accessible name when the label alone is ambiguous, e.g. "Delete Summer sale". */
  named?: string;
  testId?: string;
  disabled?: boolean;
  expanded?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      class={TONE_CLASSES[tone]}
      disabled={disabled}
      onClick={onClick}
      aria-label={named}
      aria-expanded={expanded}
      data-testid={testId}
    >
      {label}
    </button>
  );
}

/** "Confirm delete" (test id `confirm-<testId>`) and "Cancel", in place of the row's own buttons. */
export function ConfirmDeleteButtons({
  testId,
  busy,
  onConfirm,
  onCancel,
}: {
  testId: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <>
      <SmallButton
        tone="danger"
        label={t("confirmDelete")}
        disabled={busy}
        onClick={onConfirm}
        testId={`confirm-${testId}`}
      />
      <SmallButton tone="quiet" label={t("cancel")} onClick={onCancel} />
    </>
  );
}

/**
 * A delete that asks once more. Until asked, shows `children` (the row's other
 * buttons) and the delete button; once asked, the warning and the confirmation.
 */
export function DeleteWithConfirm({
  label = t("delete"),
  named,
  testId,
  busy,
  warning,
  onConfirm,
  children,
}: {
  label?: string;
  named?: string;
  /** "delete-coupon" gives the buttons `delete-coupon` and `confirm-delete-coupon`. */
  testId: string;
  busy: boolean;
  warning?: string;
  onConfirm: () => void;
  children?: ComponentChildren;
}) {
  const [asking, ask] = useState(false);
  if (asking)
    return (
      <>
        {warning !== undefined && <p class="field-hint">{warning}</p>}
        <ConfirmDeleteButtons testId={testId} busy={busy} onConfirm={onConfirm} onCancel={() => ask(false)} />
      </>
    );
  return (
    <>
      {children}
      <SmallButton tone="danger-text" label={label} named={named} testId={testId} onClick={() => ask(true)} />
    </>
  );
}

/** A form's submit button and its "Cancel". */
export function FormButtons({
  submit,
  testId,
  disabled,
  onCancel,
  children,
}: {
  submit: string;
  testId: string;
  disabled: boolean;
  onCancel: () => void;
  /** More buttons between the two. */
  children?: ComponentChildren;
}) {
  return (
    <div class="button-row">
      <button type="submit" class="btn btn-primary" disabled={disabled} data-testid={testId}>
        {submit}
      </button>
      {children}
      <button type="button" class="btn btn-quiet" onClick={onCancel}>
        {t("cancel")}
      </button>
    </div>
  );
}
