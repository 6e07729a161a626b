import { useEffect, useState } from "preact/hooks";
import { copyText } from "../../services/clipboard";
import { t } from "../../services/i18n";

type CopyState = "idle" | "copied" | "failed";

/** A promo code with a button that puts it on the clipboard, to paste at checkout. */
export function CopyCode({ code }: { code: string }) {
  const [state, setState] = useState<CopyState>("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () => {
    copyText(code).then(
      () => setState("copied"),
      () => setState("failed"),
    );
  };
  return (
    <span class="code">
      <code data-testid="promo-code-text">{code}</code>
      <button
        type="button"
        class="btn btn-small"
        onClick={copy}
        aria-label={t("panel_copyLabel", code)}
        data-testid="copy-code"
      >
        {state === "copied"
          ? t("panel_copied")
          : state === "failed"
            ? t("panel_copyFailed")
            : t("panel_copy")}
      </button>
    </span>
  );
}
