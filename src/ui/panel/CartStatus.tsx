import type { PanelStatus } from "../../messaging/checkout";
import type { Message, MessageKey } from "../../services/i18n";
import { say, t } from "../../services/i18n";

const TITLES: Record<PanelStatus | "connecting", MessageKey> = {
  connecting: "panel_statusConnecting",
  loading: "panel_statusLoading",
  empty: "panel_statusEmpty",
  "none-selected": "panel_statusNoneSelected",
  unreadable: "panel_statusUnreadable",
  error: "panel_statusError",
};

/** Why there is no stack to show: still loading, nothing to buy, or a cart that cannot be trusted. */
export function CartStatus({
  status,
  reason,
  checkout,
  incomplete = false,
}: {
  status: PanelStatus | "connecting";
  reason: Message | undefined;
  checkout: boolean;
  /** The page has not shown every line: "empty" means nothing to buy among those loaded. */
  incomplete?: boolean;
}) {
  const title =
    status === "empty" && checkout
      ? t("panel_statusEmptyCheckout")
      : status === "empty" && incomplete
        ? t("panel_statusEmptySoFar")
        : t(TITLES[status]);
  const problem = status === "unreadable" || status === "error";
  return (
    <section
      class={`status ${problem ? "status-problem" : ""}`}
      data-testid="cart-status"
      data-status={status}
      role={problem ? "alert" : "status"}
    >
      {(status === "loading" || status === "connecting") && <span class="spinner" aria-hidden="true" />}
      <p class="status-title">{title}</p>
      {problem && reason !== undefined && <p class="status-why">{t("panel_statusWhy", say(reason))}</p>}
    </section>
  );
}
