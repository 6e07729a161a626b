import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";

/** A titled list of coupons (usable, expired, used), with its count. */
export function CouponSection({
  title,
  count,
  testId,
  children,
  muted = false,
}: {
  title: string;
  count: number;
  testId: string;
  children: ComponentChildren;
  muted?: boolean;
}) {
  const id = useId();
  if (count === 0) return null;
  return (
    <section class={`coupon-section ${muted ? "muted" : ""}`} aria-labelledby={id} data-testid={testId}>
      <h3 id={id}>
        {title} <span class="count">{count}</span>
      </h3>
      <ul class="coupon-list">{children}</ul>
    </section>
  );
}
