import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";

/** A titled list of coupons (usable, expired, used), with its count once it is counted. */
export function CouponSection({
  title,
  count,
  testId,
  children,
  muted = false,
}: {
  title: string;
  /** Undefined while it is being counted: the section says it is busy, and shows no number. */
  count: number | undefined;
  testId: string;
  children: ComponentChildren;
  muted?: boolean;
}) {
  const id = useId();
  return (
    <section
      class={`coupon-section ${muted ? "muted" : ""}`}
      aria-labelledby={id}
      aria-busy={count === undefined ? "true" : undefined}
      data-testid={testId}
    >
      <h3 id={id}>
        {title} {count !== undefined && <span class="count">{count}</span>}
      </h3>
      <ul class="coupon-list">{children}</ul>
    </section>
  );
}
