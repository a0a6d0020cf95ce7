import { createElement, type ReactElement } from 'react';
import { LoadingSpinner } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { BuyingCommitteeCard } from '../../extensions/app/cards/BuyingCommitteeCard.js';
import { ContactRoleCard } from '../../extensions/app/cards/ContactRoleCard.js';
import { KeyAccountCard } from '../../extensions/app/cards/KeyAccountCard.js';
import { PortfolioPage } from '../../extensions/app/pages/portfolio/PortfolioPage.js';
import type { Fetcher } from '../../extensions/app/shared/api.js';
import { escapeHtml } from './escape.js';
import { previewCss } from './styles.js';
import { nodeHtml, type TreeNode } from './tree-html.js';

/**
 * Our real UI components rendered outside HubSpot: the kit's test renderer
 * mounts the card with a fetcher that answers with the given data, waits until
 * it has loaded, and the resulting component tree becomes static HTML.
 */

export type PreviewComponent = 'key-account' | 'buying-committee' | 'contact-role' | 'portfolio';

const components: Record<
  PreviewComponent,
  {
    location: 'crm.record.tab' | 'crm.record.sidebar' | 'pages';
    title: string;
    width: number;
    element: (fetcher: Fetcher) => ReactElement;
  }
> = {
  'key-account': {
    location: 'crm.record.tab',
    title: 'Key account',
    width: 1080,
    element: (fetcher) => createElement(KeyAccountCard, { fetcher }),
  },
  'buying-committee': {
    location: 'crm.record.sidebar',
    title: 'Buying committee',
    width: 380,
    element: (fetcher) => createElement(BuyingCommitteeCard, { fetcher }),
  },
  'contact-role': {
    location: 'crm.record.sidebar',
    title: 'Contact role',
    width: 380,
    element: (fetcher) => createElement(ContactRoleCard, { fetcher }),
  },
  portfolio: {
    location: 'pages',
    title: 'KAM for HubSpot',
    width: 1200,
    element: (fetcher) => createElement(PortfolioPage, { fetcher }),
  },
};

export interface PreviewOptions {
  locale?: 'en' | 'zh-CN';
  /** Shown next to the card title, e.g. the company name. */
  subtitle?: string;
  /** The record id put in the context (cards read it for their request). */
  objectId?: string;
}

/** Renders a component with `data` as every answer of our backend; resolves with the root of its tree. */
export async function renderCardTree(
  component: PreviewComponent,
  data: unknown,
  options: PreviewOptions = {},
): Promise<TreeNode> {
  const spec = components[component];
  const fetcher: Fetcher = () =>
    Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(data) });
  const renderer = createRenderer(spec.location);
  const ctx = renderer.mocks.context as { user: { locale?: string }; crm?: { objectId: number } };
  ctx.user.locale = options.locale ?? 'en';
  if (ctx.crm) ctx.crm.objectId = Number(options.objectId ?? 1) || 1;
  renderer.render(spec.element(fetcher));
  await renderer.waitFor(
    () => {
      if (renderer.maybeFind(LoadingSpinner)) throw new Error('still loading');
    },
    { timeoutInMs: 5000 },
  );
  return renderer.getRootNode() as unknown as TreeNode;
}

/** A whole HTML page: the card in a HubSpot-like frame with the preview CSS. */
export async function renderCardHtml(
  component: PreviewComponent,
  data: unknown,
  options: PreviewOptions = {},
): Promise<string> {
  const spec = components[component];
  const root = await renderCardTree(component, data, options);
  const lang = options.locale ?? 'en';
  const subtitle = options.subtitle ? `<small>${escapeHtml(options.subtitle)}</small>` : '';
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(spec.title)}${options.subtitle ? ` — ${escapeHtml(options.subtitle)}` : ''}</title>`,
    `<style>${previewCss}</style></head>`,
    `<body><div class="hs-page"><div class="hs-card" style="--card-width:${spec.width}px">`,
    `<div class="hs-card-header"><span>${escapeHtml(spec.title)}</span>${subtitle}</div>`,
    `<div class="hs-card-body">${nodeHtml(root)}</div></div></div></body></html>`,
  ].join('');
}
