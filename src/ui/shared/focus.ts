/**
 * Focus for forms that open in place of the button that asked for them. That
 * button disappears, so without help the keyboard focus falls back to the top
 * of the page; a keyboard user lands in the form instead, and back on the
 * button when it closes.
 */
import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";

/** Focuses the form's first control once it is shown. */
export function useFocusFirstControl(form: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    form.current?.querySelector<HTMLElement>("select, input:not([type=hidden]), textarea, button")?.focus();
  }, [form]);
}

/**
 * Remembers which control should get the focus back when an open form closes,
 * and gives it once the page has drawn it again (`open` going from true to false).
 */
export function useReturnFocus(open: boolean): (find: () => HTMLElement | null | undefined) => void {
  const target = useRef<(() => HTMLElement | null | undefined) | null>(null);
  useEffect(() => {
    if (open || target.current === null) return;
    const find = target.current;
    target.current = null;
    find()?.focus();
  }, [open]);
  return (find) => {
    target.current = find;
  };
}
