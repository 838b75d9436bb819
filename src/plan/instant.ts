// RFC 3339 timestamps (the `rotate` field and the clientsync.rotated-at attribute) as instants.
// Date.parse alone is too lenient: it reads a timestamp without a zone as *local* time, which
// would make the plan depend on the machine's TZ. A zone is therefore required here.

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or null when `text` is not an RFC 3339 timestamp with a zone. */
export function parseInstant(text: string): number | null {
  const match = RFC3339.exec(text);
  if (match === null) return null;
  const [, date, time, fraction, zone] = match;
  // Date.parse keeps milliseconds; finer digits cannot change an order at millisecond precision
  // except between instants less than 1 ms apart, which nobody schedules rotations by.
  const millis = fraction === undefined ? '' : `.${fraction.slice(0, 3).padEnd(3, '0')}`;
  const ms = Date.parse(`${date}T${time}${millis}${(zone ?? '').toUpperCase()}`);
  return Number.isNaN(ms) ? null : ms;
}
