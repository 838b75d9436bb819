// RFC 3339 timestamps (the `rotate` field and the clientsync.rotated-at attribute) as instants:
// the one parser behind both the `rotate` validation rule and the planner, so a value the rule
// accepts is one the planner can schedule, and the other way round (a property test checks it).
//
// Strict by design (docs/design.md, "Invariants"): a zone is required, because Date.parse reads
// a timestamp without one as *local* time and the plan would depend on the machine's TZ; every
// field is range-checked here (month, day of that month, hour, minute, second, offset) instead of
// trusting Date.parse, whose leniency differs between engines. Leap seconds (:60) are refused:
// JavaScript time has none, and nobody schedules a rotation by one.
// Accepted variants of RFC 3339: lower-case `t`/`z`, a space instead of `T`, fractions of any
// length (kept to the millisecond).

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** Milliseconds since the epoch, or null when `text` is not an RFC 3339 timestamp with a zone. */
export function parseRfc3339(text: string): number | null {
  const m = RFC3339.exec(text);
  if (m === null) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const [offsetHours, offsetMins] = [Number(m[10]), Number(m[11])];
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime() - offsetMinutes * 60_000;
}
