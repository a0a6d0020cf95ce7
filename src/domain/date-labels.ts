import { fromDayNumber } from './dates.js';

/**
 * fromDayNumber with a memo: results show the same few hundred dates for every
 * account (last touches, due dates), and building the string is the costly part.
 * Days 0…99,999 (1970–2243) are cached in a flat array; others are built each time.
 */
const CACHE_SIZE = 100_000;
const cache: (string | undefined)[] = [];

export function dateLabel(day: number): string {
  if (day >= 0 && day < CACHE_SIZE) {
    const hit = cache[day];
    if (hit !== undefined) return hit;
    const label = fromDayNumber(day);
    cache[day] = label;
    return label;
  }
  return fromDayNumber(day);
}
