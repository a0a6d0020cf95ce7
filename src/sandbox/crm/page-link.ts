import type { Request } from 'express';

/**
 * Absolute link for paging, the way HubSpot gives `paging.next.link`: the
 * request's URL with `after` set (URLSearchParams semantics: the first
 * `after` takes the value, later ones go, every pair is re-encoded).
 *
 * Building a URL per page cost ~5 % of a list call, so the link is made once
 * per URL shape with a marker for the value and the marker replaced later.
 * The shape is the URL with the first textual `after=` value left out: the
 * link never depends on the values of `after` pairs, only on the other pairs
 * and where the first `after` stands.
 */
const MARK = 'zq0AFTER0qz';
const FIRST_AFTER = /([?&])after=[^&]*/;
/** Bounded; cleared when full. */
const templates = new Map<string, [string, string] | null>();
const MAX_TEMPLATES = 1_000;

function fullLink(url: string, base: string, after: string): string {
  const u = new URL(url, base);
  u.searchParams.set('after', after);
  return u.toString();
}

export function pageLink(req: Request, after: string): string {
  const base = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const url = req.originalUrl;
  // Only values the form encoding leaves as they are can go in place of the marker.
  if (!/^[0-9A-Za-z]+$/.test(after)) return fullLink(url, base, after);
  const key = `${base} ${url.replace(FIRST_AFTER, '$1after=')}`;
  let parts = templates.get(key);
  if (parts === undefined) {
    const text = fullLink(url, base, MARK);
    const split = text.split(MARK);
    parts = split.length === 2 ? [split[0], split[1]] : null;
    if (templates.size >= MAX_TEMPLATES) templates.clear();
    templates.set(key, parts);
  }
  return parts ? parts[0] + after + parts[1] : fullLink(url, base, after);
}
