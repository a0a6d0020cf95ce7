import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics for /metrics. One registry per process; label values are
 * bounded (operation templates, statuses, queue names), never ids or tokens.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'kam_process_' });

export const webhookEvents = new Counter({
  name: 'kam_webhook_events_total',
  help: 'Webhook events received, by result (stored, duplicate, own_write, rejected)',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const jobsProcessed = new Counter({
  name: 'kam_jobs_total',
  help: 'Jobs finished, by queue and result (ok, retry, dead)',
  labelNames: ['queue', 'result'] as const,
  registers: [registry],
});

export const hubspotCalls = new Counter({
  name: 'kam_hubspot_api_calls_total',
  help: 'HubSpot API calls, by operation template',
  labelNames: ['operation'] as const,
  registers: [registry],
});

export const hubspotResponses = new Counter({
  name: 'kam_hubspot_api_responses_total',
  help: 'HubSpot API responses, by status code (429s show back-off pressure)',
  labelNames: ['status'] as const,
  registers: [registry],
});

export const hubspotRetries = new Counter({
  name: 'kam_hubspot_retries_total',
  help: 'HubSpot calls retried after a 429, 5xx or network error',
  labelNames: ['status'] as const,
  registers: [registry],
});

export const syncLag = new Histogram({
  name: 'kam_sync_lag_seconds',
  help: 'From a CRM change (event occurredAt) to our properties written back',
  buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
  registers: [registry],
});

export const recomputeDuration = new Histogram({
  name: 'kam_recompute_duration_seconds',
  help: 'Duration of one recompute job (fetch, evaluate, write back)',
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
  registers: [registry],
});

export const inboxPending = new Gauge({
  name: 'kam_inbox_pending',
  help: 'Webhook inbox rows waiting to be processed',
  registers: [registry],
});
