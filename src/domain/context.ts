import type { Settings } from './settings.js';
import { dayNumber, localDateOf } from './dates.js';

/** What every rule may read besides the account: settings and "now", fixed per evaluation run. */
export interface EvalContext {
  settings: Settings;
  /** The instant of the evaluation (ISO); the engine never calls Date.now(). */
  asOf: string;
  /** Local date of `asOf` in the portal time zone, and its day number. */
  todayDate: string;
  today: number;
}

export function makeContext(settings: Settings, asOf: string): EvalContext {
  const todayDate = localDateOf(asOf, settings.timeZone);
  return { settings, asOf: new Date(asOf).toISOString(), todayDate, today: dayNumber(todayDate) };
}
