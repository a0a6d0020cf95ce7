/**
 * `new Date(ms).toISOString()` by arithmetic: the same text, several times
 * faster. Every record read formats two to four timestamps, so this shows in
 * the sandbox's throughput. Outside years 0000–9999 (and for non-integers) it
 * defers to Date, whose format differs there.
 */
const MAX_MS = 253_402_300_800_000; // 10000-01-01T00:00:00.000Z
const DAY_MS = 86_400_000;

const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/** [year, month, day, hour, minute, second, millisecond] as {@link civilTime} last filled it. */
export const civil = new Int32Array(7);

/**
 * Fills {@link civil} with the UTC calendar fields of `ms`, without
 * allocating (JSON writers put the digits straight into their buffer).
 * False outside years 0000–9999 and for non-integers: use Date there.
 */
export function civilTime(ms: number): boolean {
  if (!(ms >= 0 && ms < MAX_MS) || !Number.isInteger(ms)) return false;
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  civil[0] = yoe + era * 400 + (month <= 2 ? 1 : 0);
  civil[1] = month;
  civil[2] = doy - Math.floor((153 * mp + 2) / 5) + 1;
  civil[3] = Math.floor(rest / 3_600_000);
  rest -= civil[3] * 3_600_000;
  civil[4] = Math.floor(rest / 60_000);
  rest -= civil[4] * 60_000;
  civil[5] = Math.floor(rest / 1000);
  civil[6] = rest - civil[5] * 1000;
  return true;
}

export function isoTime(ms: number): string {
  if (!civilTime(ms)) return new Date(ms).toISOString();
  const year = civil[0];
  const milli = civil[6];
  const y = year < 1000 ? String(year).padStart(4, '0') : String(year);
  const ms3 = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${y}-${two(civil[1])}-${two(civil[2])}T${two(civil[3])}:${two(civil[4])}:${two(civil[5])}.${ms3}Z`;
}
