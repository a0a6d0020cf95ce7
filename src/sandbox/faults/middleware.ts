import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { rateLimitBody } from '../limits/limiter.js';
import type { FaultInjector } from './injector.js';

export interface FaultMiddlewareOptions {
  injector: FaultInjector;
  /** The portal of the call, when known, for portal-scoped rules. */
  portalOf?: (req: Request, res: Response) => number | undefined;
  /** A "timeout" fault gives up after this long so nothing hangs forever. */
  maxHangMs?: number;
}

const serverErrorMessages: Record<number, string> = {
  500: 'internal error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Answers with the injected status, delays, or hangs, per the injector's decision. */
export class FaultMiddleware {
  private readonly hanging = new Set<Response>();

  constructor(private readonly options: FaultMiddlewareOptions) {}

  readonly handler: RequestHandler = (req, res, next) => {
    const decision = this.options.injector.decide({
      method: req.method,
      path: req.path,
      portalId: this.options.portalOf?.(req, res),
    });
    const apply = (): void => {
      const terminal = decision.terminal;
      if (!terminal) return next();
      if (terminal.kind === 'timeout') return this.hang(res);
      res.set('X-Sandbox-Fault', decision.ruleIds.join(','));
      if (terminal.status === 429) {
        res.status(429).json(rateLimitBody(terminal.policyName));
        return;
      }
      res.status(terminal.status).json({
        status: 'error',
        message: serverErrorMessages[terminal.status],
        correlationId: randomUUID(),
        category: 'INTERNAL_ERROR',
      });
    };
    if (decision.delayMs > 0) setTimeout(apply, decision.delayMs);
    else apply();
  };

  /** Closes every connection held by a timeout fault (on shutdown or fault reset). */
  releaseAll(): void {
    for (const res of this.hanging) res.socket?.destroy();
    this.hanging.clear();
  }

  get hangingCount(): number {
    return this.hanging.size;
  }

  private hang(res: Response): void {
    this.hanging.add(res);
    const timer = setTimeout(() => res.socket?.destroy(), this.options.maxHangMs ?? 300_000);
    timer.unref();
    res.on('close', () => {
      clearTimeout(timer);
      this.hanging.delete(res);
    });
  }
}
