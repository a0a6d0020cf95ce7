import { StoryKit, companyNative, fullCommittee, type Member } from './story-kit.js';
import type { StoryDef } from './story-types.js';

/** The shared starting point of the scripted stories: a well-run strategic account. */

type Props = Record<string, string | null>;

/** Quarterly revenue of a key account (home currency). */
export const Q = 400_000;

/** Twelve quarters of steady, slightly growing buying, a lost deal or two, open pipeline, weekly touches. */
export function strategic(
  kit: StoryKit,
  opts: { committee?: readonly Member[]; amount?: (q: number) => number; touches?: boolean } = {},
): void {
  const committee = opts.committee ?? fullCommittee;
  kit.committee(committee);
  kit.quarterlyWins(-11, 0, opts.amount ?? ((q) => (Q / 2) * 1.03 ** (q + 11)));
  kit.lost(kit.dayIn(-3, 0.5), Q * 0.3);
  kit.lost(kit.dayIn(-7, 0.4), Q * 0.25);
  kit.open(40, Q * 0.6);
  if (opts.touches !== false)
    kit.cadence(
      400,
      3,
      7,
      committee.map((m) => m.key),
    );
}

/** The story company's native properties (name = the story's title). */
export function baseProps(
  kit: StoryKit,
  def: StoryDef,
  employees = 12_000,
  revenue = 2_400_000_000,
): Props {
  return companyNative(kit, def.title, def.industry, employees, revenue);
}
