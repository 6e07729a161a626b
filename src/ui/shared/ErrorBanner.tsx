import { t } from "../../services/i18n";
import { describeError } from "./errors";

const MAX_SHOWN = 8;

interface Props {
  error: unknown;
  testId?: string;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** A failure in words the user can act on, with its problems listed when there are several. */
export function ErrorBanner({ error, testId = "error-banner", onRetry, onDismiss }: Props) {
  const shown = describeError(error);
  const problems = shown.problems;
  return (
    <div class="banner banner-error" role="alert" data-testid={testId} data-kind={shown.kind}>
      <p class="banner-message">{shown.message}</p>
      {problems.length > 0 && (
        <ul class="banner-problems">
          {problems.slice(0, MAX_SHOWN).map((p) => (
            <li key={p}>{p}</li>
          ))}
          {problems.length > MAX_SHOWN && <li>{t("moreProblems", problems.length - MAX_SHOWN)}</li>}
        </ul>
      )}
      {(onRetry !== undefined || onDismiss !== undefined) && (
        <div class="banner-actions">
          {onRetry !== undefined && (
            <button type="button" class="btn btn-small" onClick={onRetry}>
              {t("tryAgain")}
            </button>
          )}
          {onDismiss !== undefined && (
            <button type="button" class="btn btn-small btn-quiet" onClick={onDismiss}>
              {t("dismiss")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
