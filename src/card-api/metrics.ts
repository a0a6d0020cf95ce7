import { Histogram } from 'prom-client';
import { registry } from '../server/metrics.js';

/** Card API latency on the process registry (/metrics), by endpoint name and status class. */
export const cardApiDuration = new Histogram({
  name: 'kam_card_api_duration_seconds',
  help: 'Card API requests (hubspot.fetch), by endpoint and status class (2xx, 4xx, 5xx)',
  labelNames: ['endpoint', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15],
  registers: [registry],
});
