import { t } from "../../../services/i18n";

export type CopyState =
  | { kind: "idle" }
  | { kind: "link"; text: string; auto: boolean }
  | { kind: "message" }
  | { kind: "failed" };

/**
 * What the last copy did, read out by screen readers. The word "Copied" sits
 * in its own element so it reads (and is found) as exactly that.
 */
export function CopyStatus({ state, onStopAutoCopy }: { state: CopyState; onStopAutoCopy: () => void }) {
  return (
    <div class="copy-status" role="status" aria-live="polite" data-testid="copy-status">
      {state.kind === "link" && (
        <>
          <p class="copy-done">
            <span aria-hidden="true" class="tick">
              ✓
            </span>
            <strong data-testid="copied">{t("copied")}</strong>
            <span class="copied-link" data-testid="copied-link">
              {state.text}
            </span>
          </p>
          {state.auto && (
            <button type="button" class="btn-link" onClick={onStopAutoCopy} data-testid="stop-auto-copy">
              {t("stopCopyOnOpen")}
            </button>
          )}
        </>
      )}
      {state.kind === "message" && (
        <p class="copy-done">
          <span aria-hidden="true" class="tick">
            ✓
          </span>
          <strong>{t("shareMessageCopiedStatus")}</strong>
        </p>
      )}
      {state.kind === "failed" && <p class="copy-failed">{t("copyFailed")}</p>}
    </div>
  );
}
