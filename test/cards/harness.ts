import type { ReactNode } from 'react';
import { LoadingSpinner } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import type { FetchResponse, Fetcher, HttpMethod } from '../../extensions/app/shared/api.js';
import { buildDemoCards, type DemoCards } from '../../src/preview/demo-data.js';

/**
 * Test doubles for the card tests: a fake `hubspot.fetch` answering per route
 * and recording calls, and the engine-evaluated demo portal built once.
 */

export interface Call {
  url: string;
  method: HttpMethod;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export type Answer = { status: number; body: unknown } | 'network-error' | 'pending';
export type Route = (path: string, call: Call) => Answer | undefined;

export const BASE = 'https://kam.example.com';

export interface FakeFetch {
  fetcher: Fetcher;
  calls: Call[];
}

/** Answers each call with the first route that matches its path (after the base URL); otherwise 404. */
export function fakeFetch(...routes: Route[]): FakeFetch {
  const calls: Call[] = [];
  const fetcher: Fetcher = (url, init) => {
    const call: Call = { url, method: init.method, body: init.body, headers: init.headers };
    calls.push(call);
    const path = url.startsWith(BASE) ? url.slice(BASE.length) : url;
    const answer = routes.reduce<Answer | undefined>(
      (found, r) => found ?? r(path, call),
      undefined,
    ) ?? {
      status: 404,
      body: { error: { code: 'not_found', message: 'no route' } },
    };
    if (answer === 'network-error') return Promise.reject(new TypeError('Failed to fetch'));
    if (answer === 'pending') return new Promise<FetchResponse>(() => {});
    return Promise.resolve({
      ok: answer.status < 300,
      status: answer.status,
      json: () => Promise.resolve(answer.body),
    });
  };
  return { fetcher, calls };
}

/** A route for one method and path (exact, or a RegExp on the path with its query). */
export const on =
  (method: HttpMethod, path: string | RegExp, answer: Answer | ((call: Call) => Answer)): Route =>
  (p, call) => {
    const hit = typeof path === 'string' ? p === path : path.test(p);
    if (!hit || call.method !== method) return undefined;
    return typeof answer === 'function' ? answer(call) : answer;
  };

export const ok = (body: unknown): Answer => ({ status: 200, body });

let demo: DemoCards | null = null;
/** An 80-company demo portal (every alert reason occurs), evaluated by the engine, built once per test file. */
export function demoCards(): DemoCards {
  demo ??= buildDemoCards({ companies: 80 });
  return demo;
}

/** Sets the user's locale and the record id on a renderer's mocked context. */
export function setContext(
  mocks: { context: unknown },
  { locale, objectId }: { locale?: string; objectId?: string | number },
): void {
  const ctx = mocks.context as { user: { locale?: string }; crm?: { objectId: number } };
  if (locale !== undefined) ctx.user.locale = locale;
  if (objectId !== undefined && ctx.crm) ctx.crm.objectId = Number(objectId);
}

type Location = 'crm.record.tab' | 'crm.record.sidebar' | 'settings' | 'pages';

/** Renders with the given context and waits until the loading spinner is gone. */
export async function renderLoaded(
  location: Location,
  element: ReactNode,
  context: { locale?: string; objectId?: string | number } = {},
): Promise<ReturnType<typeof createRenderer>> {
  const r = createRenderer(location);
  setContext(r.mocks, context);
  r.render(element);
  await r.waitFor(() => expect(r.maybeFind(LoadingSpinner)).toBeNull());
  return r;
}

/** All text of the rendered tree, for "is it visible anywhere" checks. */
export const textOf = (r: { getRootNode(): { toString(): string } }): string =>
  r.getRootNode().toString();

/**
 * Triggers an event prop with an argument. The kit types `trigger`'s argument as
 * the handler itself, so values (a number, the selected option) need this cast.
 */
export function fire(
  node: { trigger: (...args: never[]) => void },
  prop: string,
  arg: unknown,
): void {
  (node.trigger as unknown as (prop: string, arg: unknown) => void)(prop, arg);
}
