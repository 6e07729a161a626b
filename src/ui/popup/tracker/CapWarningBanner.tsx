import type { CapWarning } from "../../../referral/tracker";
import { localDateLabel, monthLabel } from "../../../services/format";
import { t, tn } from "../../../services/i18n";
import { useServices } from "../../shared/services";

/**
 * Said before the user spends an invite: a friend's first order now would be
 * credited in a month whose cap is (nearly) used up.
 */
export function CapWarningBanner({ warning }: { warning: CapWarning }) {
  const { locale } = useServices();
  if (warning.level === "ok") return null;
  const month = monthLabel(warning.landsIn, locale);
  const text =
    warning.level === "over-cap"
      ? tn(
          "capWarningOver",
          warning.cap,
          month,
          warning.used,
          warning.cap,
          localDateLabel(warning.resetDate, locale),
        )
      : t("capWarningLastSlot", month, warning.used, warning.cap);
  return (
    <div class="banner banner-warning" role="status" data-testid="cap-warning" data-level={warning.level}>
      <p class="banner-message">{text}</p>
    </div>
  );
}
