import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isValidTimeZone,
  localDate,
  localDateTime,
  monthKey,
  monthStart,
  nextMonthStart,
  parseLocalDateTime,
  shiftMonthKey,
  zonedToInstant,
} from "../../src/core/calendar";

const iso = (ms: number) => new Date(ms).toISOString();

describe("monthKey", () => {
  it("reads the local month, not the UTC one", () => {
    // 2026-03-31 23:59 in New York is already April in UTC.
    expect(monthKey("2026-04-01T03:59:00Z", "America/New_York")).toBe("2026-03");
    expect(monthKey("2026-04-01T03:59:00Z", "UTC")).toBe("2026-04");
  });

  it("the last minute of a month is still that month; the next minute is not", () => {
    expect(monthKey("2026-01-31T23:59:59Z", "UTC")).toBe("2026-01");
    expect(monthKey("2026-02-01T00:00:00Z", "UTC")).toBe("2026-02");
    // Berlin in winter is UTC+1: its last minute of January is 22:59 UTC.
    expect(monthKey("2026-01-31T22:59:00Z", "Europe/Berlin")).toBe("2026-01");
    expect(monthKey("2026-01-31T23:00:00Z", "Europe/Berlin")).toBe("2026-02");
  });

  it("Pacific/Kiritimati (+14) has already turned the month while UTC has not", () => {
    expect(monthKey("2026-03-31T10:00:00Z", "Pacific/Kiritimati")).toBe("2026-04");
    expect(monthKey("2026-03-31T09:59:59Z", "Pacific/Kiritimati")).toBe("2026-03");
    expect(monthKey("2026-03-31T10:00:00Z", "UTC")).toBe("2026-03");
  });

  it("America/Adak (-10/-9) is still in the old month long after UTC turned", () => {
    // July: HDT, UTC-9; the month turns at 09:00 UTC.
    expect(monthKey("2026-08-01T08:59:59Z", "America/Adak")).toBe("2026-07");
    expect(monthKey("2026-08-01T09:00:00Z", "America/Adak")).toBe("2026-08");
  });

  it("handles year boundaries", () => {
    expect(monthKey("2026-12-31T23:59:59Z", "UTC")).toBe("2026-12");
    expect(monthKey("2027-01-01T00:00:00Z", "UTC")).toBe("2027-01");
    expect(shiftMonthKey("2026-12", 1)).toBe("2027-01");
    expect(shiftMonthKey("2027-01", -1)).toBe("2026-12");
    expect(shiftMonthKey("2026-05", -17)).toBe("2024-12");
  });
});

describe("monthStart / nextMonthStart", () => {
  it("is local midnight of the 1st", () => {
    expect(iso(monthStart("2026-04", "UTC"))).toBe("2026-04-01T00:00:00.000Z");
    expect(iso(monthStart("2026-04", "America/New_York"))).toBe("2026-04-01T04:00:00.000Z");
    expect(iso(monthStart("2026-01", "Europe/Berlin"))).toBe("2025-12-31T23:00:00.000Z");
    expect(iso(monthStart("2026-04", "Pacific/Kiritimati"))).toBe("2026-03-31T10:00:00.000Z");
    expect(iso(monthStart("2026-04", "Asia/Kolkata"))).toBe("2026-03-31T18:30:00.000Z");
    expect(iso(monthStart("2026-04", "Asia/Kathmandu"))).toBe("2026-03-31T18:15:00.000Z");
  });

  it("the reset from the last minute of a month is one minute away", () => {
    const lastMinute = Date.parse("2026-03-31T23:59:00-04:00");
    expect(nextMonthStart(lastMinute, "America/New_York") - lastMinute).toBe(60_000);
  });

  it("America/Adak: November starts on the day DST ends, still at -9", () => {
    // 2026-11-01 is a Sunday; Adak leaves DST at 02:00 local that morning.
    expect(iso(monthStart("2026-11", "America/Adak"))).toBe("2026-11-01T09:00:00.000Z");
    expect(iso(monthStart("2026-12", "America/Adak"))).toBe("2026-12-01T10:00:00.000Z");
  });

  it("months containing a DST change are an hour short or long", () => {
    const hours = (zone: string, m: string) =>
      (monthStart(shiftMonthKey(m, 1), zone) - monthStart(m, zone)) / 3_600_000;
    expect(hours("America/New_York", "2026-03")).toBe(31 * 24 - 1);
    expect(hours("America/New_York", "2026-11")).toBe(30 * 24 + 1);
    expect(hours("Europe/London", "2026-03")).toBe(31 * 24 - 1);
    expect(hours("Europe/London", "2026-10")).toBe(31 * 24 + 1);
    expect(hours("UTC", "2028-02")).toBe(29 * 24);
    // Southern hemisphere: Sydney leaves DST in April and enters it in October.
    expect(hours("Australia/Sydney", "2026-04")).toBe(30 * 24 + 1);
    expect(hours("Australia/Sydney", "2026-10")).toBe(31 * 24 - 1);
  });

  it("where DST skips local midnight, the month starts at the first existing minute", () => {
    // Paraguay entered DST at 00:00 on 2017-10-01: the clock jumped to 01:00.
    expect(iso(monthStart("2017-10", "America/Asuncion"))).toBe("2017-10-01T04:00:00.000Z");
    expect(monthKey("2017-10-01T03:59:59Z", "America/Asuncion")).toBe("2017-09");
    expect(localDateTime("2017-10-01T04:00:00Z", "America/Asuncion")).toBe("2017-10-01T01:00");
  });

  it("property: monthStart is the exact boundary of the local month, in many zones", () => {
    const zones = [
      "UTC",
      "America/New_York",
      "America/Adak",
      "America/St_Johns",
      "Pacific/Kiritimati",
      "Pacific/Chatham",
      "Etc/GMT+12",
      "Asia/Kathmandu",
      "Australia/Lord_Howe",
      "Europe/Dublin",
      "America/Santiago",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.parse("2000-01-01T00:00:00Z"), max: Date.parse("2040-01-01T00:00:00Z") }),
        (zone, t) => {
          const key = monthKey(t, zone);
          const start = monthStart(key, zone);
          const next = nextMonthStart(t, zone);
          return (
            start <= t &&
            t < next &&
            monthKey(start, zone) === key &&
            monthKey(start - 1000, zone) === shiftMonthKey(key, -1) &&
            monthKey(next, zone) === shiftMonthKey(key, 1) &&
            monthKey(next - 1000, zone) === key
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("local date-times", () => {
  it("converts a wall-clock time in a zone to its instant", () => {
    expect(
      iso(zonedToInstant({ year: 2026, month: 3, day: 31, hour: 23, minute: 59 }, "America/New_York")),
    ).toBe("2026-04-01T03:59:00.000Z");
    expect(iso(zonedToInstant({ year: 2026, month: 4, day: 1 }, "Pacific/Kiritimati"))).toBe(
      "2026-03-31T10:00:00.000Z",
    );
  });

  it("a time skipped by spring-forward moves forward by the gap", () => {
    // New York 2026-03-08 02:30 does not exist; it means 03:30 EDT.
    expect(
      iso(zonedToInstant({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, "America/New_York")),
    ).toBe("2026-03-08T07:30:00.000Z");
  });

  it("a time repeated by fall-back means its first occurrence", () => {
    expect(
      iso(zonedToInstant({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, "America/New_York")),
    ).toBe("2026-11-01T05:30:00.000Z");
  });

  it("parses form values", () => {
    expect(iso(parseLocalDateTime("2026-03-31", "Europe/Berlin") ?? 0)).toBe("2026-03-30T22:00:00.000Z");
    expect(iso(parseLocalDateTime("2026-03-31", "Europe/Berlin", { endOfDay: true }) ?? 0)).toBe(
      "2026-03-31T21:59:59.000Z",
    );
    expect(iso(parseLocalDateTime("2026-03-31T10:15", "UTC") ?? 0)).toBe("2026-03-31T10:15:00.000Z");
    expect(iso(parseLocalDateTime("2026-03-31T10:15:00+02:00", "America/Adak") ?? 0)).toBe(
      "2026-03-31T08:15:00.000Z",
    );
    for (const bad of ["", "31/03/2026", "2026-02-30", "2026-13-01", "2026-03-31T25:00", "tomorrow"])
      expect(parseLocalDateTime(bad, "UTC")).toBeNull();
  });

  it("formats local dates for display and inputs", () => {
    expect(localDate("2026-03-31T10:00:00Z", "Pacific/Kiritimati")).toBe("2026-04-01");
    expect(localDateTime("2026-03-31T10:00:00Z", "America/Adak")).toBe("2026-03-31T01:00");
  });

  it("knows valid zones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});
