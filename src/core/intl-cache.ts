/**
 * Intl formatters, made once per locale and options. Making one costs a good
 * part of a millisecond and using one almost nothing: the popup's wallet lists
 * ninety coupons, each with its amounts and dates, and made a formatter for
 * every one of them (about 50 ms of a 2,000-coupon wallet's first screen).
 * A locale or option the engine refuses throws here as the constructor does,
 * and is not remembered, so the callers' fallbacks work as before.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const relativeTimeFormats = new Map<string, Intl.RelativeTimeFormat>();

function cached<F, O>(cache: Map<string, F>, make: (locale: string | undefined, options: O) => F) {
  return (locale: string | undefined, options: O): F => {
    const key = JSON.stringify([locale ?? null, options]);
    let format = cache.get(key);
    if (format === undefined) {
      format = make(locale, options);
      cache.set(key, format);
    }
    return format;
  };
}

export const numberFormat = cached<Intl.NumberFormat, Intl.NumberFormatOptions>(
  numberFormats,
  (locale, options) => new Intl.NumberFormat(locale, options),
);

export const dateTimeFormat = cached<Intl.DateTimeFormat, Intl.DateTimeFormatOptions>(
  dateTimeFormats,
  (locale, options) => new Intl.DateTimeFormat(locale, options),
);

export const relativeTimeFormat = cached<Intl.RelativeTimeFormat, Intl.RelativeTimeFormatOptions>(
  relativeTimeFormats,
  (locale, options) => new Intl.RelativeTimeFormat(locale, options),
);
