/**
 * The frame every wallet page shares: the database opened once, a banner for
 * whatever fails, and helpers that load data and run the user's actions so a
 * failure always ends up as a visible sentence, never as a blank page.
 */
import { type ComponentChildren, createContext } from "preact";
import { useCallback, useContext, useEffect, useErrorBoundary, useRef, useState } from "preact/hooks";
import { t } from "../../services/i18n";
import { walletChanged } from "../../services/wallet-changed";
import type { StackwiseDb } from "../../storage/db";
import { ErrorBanner } from "./ErrorBanner";
import { useDocumentLanguage } from "./language";
import { useServices } from "./services";

const DbContext = createContext<StackwiseDb | null>(null);
const ReportContext = createContext<(error: unknown) => void>(() => undefined);

export function useDb(): StackwiseDb {
  const db = useContext(DbContext);
  if (db === null) throw new Error("useDb outside DatabaseGate");
  return db;
}

/** Shows an error in the page's banner. */
export const useReportError = (): ((error: unknown) => void) => useContext(ReportContext);

/**
 * Runs a user's action; a failure goes to the banner. Resolves true when it
 * succeeded, so callers can close a form or say "Saved".
 */
export function useAction(): { run: (action: () => Promise<unknown>) => Promise<boolean>; busy: boolean } {
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setBusy(true);
      try {
        await action();
        return true;
      } catch (e) {
        report(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [report],
  );
  return { run, busy };
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  reload: () => void;
}

/** Loads data for a card and again on `reload()`; the latest request wins. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown }>({
    data: undefined,
    error: undefined,
  });
  const [version, setVersion] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    load().then(
      (data) => {
        if (ticket === latest.current) setState({ data, error: undefined });
      },
      (error: unknown) => {
        if (ticket === latest.current) setState((s) => ({ data: s.data, error }));
      },
    );
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}

/**
 * Calls `onChange` whenever walletChanged is announced (a panel's "I placed
 * this order", an import in the options page, this page's own writes), so
 * what a page shows is never older than the wallet.
 */
export function useWalletChanged(onChange: () => void): void {
  useEffect(() => walletChanged.listen(() => onChange()), [onChange]);
}

/** Opens the database for its children; shows the storage error (with a retry) when it cannot. */
export function DatabaseGate({ children }: { children: ComponentChildren }) {
  const services = useServices();
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ db?: StackwiseDb; error?: unknown }>({});
  useEffect(() => {
    let cancelled = false;
    let opened: StackwiseDb | undefined;
    setState({});
    services.openDb().then(
      (db) => {
        opened = db;
        if (cancelled) db.close();
        else setState({ db });
      },
      (error: unknown) => {
        if (!cancelled) setState({ error });
      },
    );
    return () => {
      cancelled = true;
      opened?.close();
    };
  }, [services, attempt]);
  if (state.error !== undefined || state.db === undefined)
    return <Pending error={state.error} testId="storage-error" onRetry={() => setAttempt((a) => a + 1)} />;
  return <DbContext.Provider value={state.db}>{children}</DbContext.Provider>;
}

/** What a card shows until its data is there: the failure in words with a retry, or "Loading…". */
export function Pending({
  error,
  onRetry,
  testId,
}: {
  error: unknown;
  onRetry: () => void;
  testId?: string;
}) {
  if (error !== undefined) return <ErrorBanner error={error} testId={testId} onRetry={onRetry} />;
  return (
    <p class="loading" aria-busy="true">
      {t("loading")}
    </p>
  );
}

/**
 * The page frame: one banner for failed actions, and a boundary so that a bug
 * in one card shows a message instead of emptying the page.
 */
export function AppFrame({ children }: { children: ComponentChildren }) {
  useDocumentLanguage();
  const [error, setError] = useState<unknown>(undefined);
  const [crash, resetCrash] = useErrorBoundary();
  const report = useCallback((e: unknown) => setError(e), []);
  return (
    <ReportContext.Provider value={report}>
      {error !== undefined && (
        <ErrorBanner error={error} testId="error-banner" onDismiss={() => setError(undefined)} />
      )}
      {crash !== undefined ? (
        <ErrorBanner error={crash} testId="crash-banner" onRetry={resetCrash} />
      ) : (
        children
      )}
    </ReportContext.Provider>
  );
}
