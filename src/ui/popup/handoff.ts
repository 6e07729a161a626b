/**
 * What the popup's first script (a classic script, its own build) leaves for the
 * popup's modules in the same window: a promise under a global name.
 */
export function handoff<T>(name: string): {
  publish(value: Promise<T>): void;
  /** The promise left, or undefined when no first script ran (tests, an older page). */
  take(): Promise<T> | undefined;
} {
  const global = globalThis as Record<string, unknown>;
  return {
    publish: (value) => {
      global[name] = value;
    },
    take: () => {
      const found = global[name];
      return found instanceof Promise ? (found as Promise<T>) : undefined;
    },
  };
}
