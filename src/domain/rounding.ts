/**
 * §11: every score, factor and health value is rounded to one decimal before
 * bands, cuts and alerts apply. The tiny nudge keeps binary artefacts such as
 * 0.15 × 83 = 12.449999… from rounding down.
 */
export function round1(x: number): number {
  return Math.round(x * 10 + (x >= 0 ? 1e-9 : -1e-9)) / 10;
}

/** A 1–5 rating mapped to 0–100 as (r − 1) × 25 (§11). */
export function ratingTo100(r: number): number {
  return (r - 1) * 25;
}
