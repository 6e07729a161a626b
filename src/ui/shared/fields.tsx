/**
 * Labelled form controls. Every control gets a visible label, and its error or
 * hint is tied to it with aria-describedby so a screen reader reads both.
 */
import type { ComponentChildren, JSX } from "preact";
import { useId } from "preact/hooks";

interface FieldShell {
  label: string;
  error?: string | undefined;
  warning?: string | undefined;
  hint?: string | undefined;
  testId?: string;
  class?: string;
}

function Messages({ id, error, warning, hint, testId }: { id: string } & Omit<FieldShell, "label">) {
  return (
    <>
      {hint !== undefined && (
        <span class="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error !== undefined && (
        <span class="field-error" id={`${id}-error`} role="alert" data-testid={testId && `${testId}-error`}>
          {error}
        </span>
      )}
      {error === undefined && warning !== undefined && (
        <span class="field-warning" id={`${id}-warning`} data-testid={testId && `${testId}-warning`}>
          {warning}
        </span>
      )}
    </>
  );
}

function describedBy(id: string, f: Omit<FieldShell, "label">): string | undefined {
  const ids = [
    f.hint !== undefined ? `${id}-hint` : "",
    f.error !== undefined ? `${id}-error` : "",
    f.error === undefined && f.warning !== undefined ? `${id}-warning` : "",
  ].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/** The input attributes the wallet's forms use; a closed list keeps the props checkable. */
interface InputProps {
  value: string;
  onValue: (value: string) => void;
  type?: "text" | "date" | "time" | "datetime-local" | "url";
  placeholder?: string;
  inputMode?: "text" | "decimal" | "numeric" | "url";
  maxLength?: number;
  autoComplete?: string;
  spellcheck?: boolean;
  disabled?: boolean;
  required?: boolean;
  /** Id of a datalist with suggestions. */
  list?: string;
}

/** The id, test id and aria attributes a labelled control takes from its shell. */
interface ControlAttributes {
  id: string;
  "data-testid": string | undefined;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

/** A visible label tied to its control, and the control's messages under it. */
function Labelled({
  label,
  error,
  warning,
  hint,
  testId,
  class: cls,
  control,
}: FieldShell & { control: (attributes: ControlAttributes) => JSX.Element }) {
  const id = useId();
  return (
    <div class={`field ${cls ?? ""}`}>
      <label for={id}>{label}</label>
      {control({
        id,
        "data-testid": testId,
        "aria-invalid": error !== undefined,
        "aria-describedby": describedBy(id, { error, warning, hint }),
      })}
      <Messages id={id} error={error} warning={warning} hint={hint} testId={testId} />
    </div>
  );
}

type ShellOf<P> = [FieldShell, Omit<P, keyof FieldShell>];
function splitShell<P extends FieldShell>(props: P): ShellOf<P> {
  const { label, error, warning, hint, testId, class: cls, ...rest } = props;
  return [{ label, error, warning, hint, testId, class: cls }, rest];
}

/** Text typed in one line (`input`) or several (`textarea`); each takes only its own attributes. */
function textField<P extends { value: string; onValue: (value: string) => void }>(tag: "input" | "textarea") {
  // One tag at a time: typing it as "input" keeps JSX's attribute checks for both.
  const Tag = tag as "input";
  return (props: FieldShell & P) => {
    const [shell, { value, onValue, ...rest }] = splitShell(props);
    return (
      <Labelled
        {...shell}
        control={(a) => (
          <Tag {...a} {...rest} value={value} onInput={(e) => onValue(e.currentTarget.value)} />
        )}
      />
    );
  };
}

interface AreaProps {
  value: string;
  onValue: (value: string) => void;
  rows?: number;
  maxLength?: number;
  spellcheck?: boolean;
}

export const TextField = textField<InputProps>("input");
export const TextAreaField = textField<AreaProps>("textarea");

/**
 * What one field of a form held as strings passes to its control:
 * `<TextField label=… {...bind("amount")} />` instead of value, setter and error by hand.
 */
export function fieldBinder<F extends string>(
  form: Readonly<Record<F, string>>,
  set: (field: F) => (value: string) => void,
  errorOf: (field: F) => string | undefined,
) {
  return (field: F) => ({ value: form[field], onValue: set(field), error: errorOf(field) });
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField(
  props: FieldShell & {
    value: string;
    onValue: (value: string) => void;
    choices: readonly Choice[];
    disabled?: boolean;
  },
) {
  const [shell, { value, onValue, choices, disabled }] = splitShell(props);
  return (
    <Labelled
      {...shell}
      control={(a) => (
        <select {...a} value={value} disabled={disabled} onChange={(e) => onValue(e.currentTarget.value)}>
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export function CheckboxField({
  label,
  hint,
  testId,
  checked,
  onChecked,
  disabled,
}: Omit<FieldShell, "error" | "warning"> & {
  checked: boolean;
  onChecked: (checked: boolean) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div class="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        data-testid={testId}
        aria-describedby={hint !== undefined ? `${id}-hint` : undefined}
        onChange={(e) => onChecked(e.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
      {hint !== undefined && (
        <span class="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}

/** A group of radio buttons with its legend. */
export function RadioGroup({
  legend,
  name,
  value,
  onValue,
  choices,
  error,
}: {
  legend: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  choices: readonly Choice[];
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset class="field radio-group" aria-describedby={error !== undefined ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div class="radio-row">
        {choices.map((c) => (
          <label key={c.value} class="radio">
            <input
              type="radio"
              name={`${name}-${id}`}
              value={c.value}
              checked={value === c.value}
              onChange={() => onValue(c.value)}
            />
            {c.label}
          </label>
        ))}
      </div>
      {error !== undefined && (
        <span class="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}

/** A card: a titled section of the page. */
export function Card({
  title,
  testId,
  actions,
  children,
  class: cls,
}: {
  title?: string;
  testId?: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
}) {
  const id = useId();
  return (
    <section
      class={`card ${cls ?? ""}`}
      data-testid={testId}
      aria-labelledby={title !== undefined ? id : undefined}
    >
      {(title !== undefined || actions !== undefined) && (
        <header class="card-header">
          {title !== undefined && <h2 id={id}>{title}</h2>}
          {actions !== undefined && <div class="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
