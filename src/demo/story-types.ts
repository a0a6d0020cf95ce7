import type { AlertCode } from '../domain/settings.js';
import type { LifecycleStage, Tier } from '../domain/snapshot.js';
import type { StoryKit } from './story-kit.js';

/** What a scripted demo company is meant to show, so tests and the README can check it. */
export interface DemoStoryInfo {
  /** Stable key, e.g. 'decision_maker_left'. */
  key: string;
  /** The company name, which tells the story: "Northwind Logistics — decision maker left". */
  title: string;
  /** Alert reasons the data is built to raise (others may appear too). */
  alerts: AlertCode[];
  expect: {
    stage?: LifecycleStage;
    tier?: Tier;
    keyAccount?: boolean;
    /** Key-account size but disqualified (pays late). */
    disqualified?: boolean;
  };
  /** Contacts a test archives to play the story (a decision maker leaving). */
  archiveContactIds: string[];
  /** Trend rules need a previous evaluation: see `storyPreviousState`. */
  needsPrevious: boolean;
}

/** A scripted story: what it shows and how to build its company. */
export interface StoryDef {
  key: string;
  title: string;
  /** HubSpot `industry` value (the default segment). */
  industry: string;
  alerts: AlertCode[];
  expect: DemoStoryInfo['expect'];
  needsPrevious?: boolean;
  build(kit: StoryKit): { props: Record<string, string | null>; archive?: string[] };
}
