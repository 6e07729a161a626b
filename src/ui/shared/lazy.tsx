/**
 * A component whose code loads the first time it is shown, as its own chunk:
 * the popup opens on the referral card, so the wallet, the tracker and the QR
 * encoder need not be parsed before that card can copy and render.
 */
import type { ComponentType, JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../../services/i18n";
import { ErrorBanner } from "./ErrorBanner";

export type LazyComponent<P> = ComponentType<P> & {
  /** Starts loading the code now, before the component is shown (a popup opened on that tab). */
  preload(): void;
};

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const start = () => {
    pending ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (error: unknown) => {
        // Let "Try again" load it afresh.
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  function Lazy(props: P): JSX.Element {
    const [component, setComponent] = useState<{ C?: ComponentType<P>; error?: unknown }>({ C: loaded });
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (component.C !== undefined) return;
      let live = true;
      start().then(
        (C) => live && setComponent({ C }),
        (error: unknown) => live && setComponent({ error }),
      );
      return () => {
        live = false;
      };
    }, [attempt]);
    if (component.error !== undefined)
      return (
        <ErrorBanner
          error={component.error}
          onRetry={() => {
            setComponent({});
            setAttempt((a) => a + 1);
          }}
        />
      );
    const { C } = component;
    if (C === undefined)
      return (
        <p class="loading" aria-busy="true">
          {t("loading")}
        </p>
      );
    return <C {...props} />;
  }
  return Object.assign(Lazy, {
    preload: () => {
      start().catch(() => undefined);
    },
  });
}
