/**
 * PostgreSQL breaks a deadlock by aborting one side (SQLSTATE 40P01). Rows of
 * one portal are written by several statements at once on PostgreSQL with
 * more than one worker (a recompute's transaction, the write-back's
 * bookkeeping, settling), and their lock orders cannot all agree; the
 * aborted side ran nothing (its transaction rolled back), so running it again
 * is safe. Only for work that is idempotent and keeps no state across tries.
 */

const DEADLOCK = '40P01';

export function isDeadlock(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === DEADLOCK
  );
}

export async function retryOnDeadlock<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts || !isDeadlock(error)) throw error;
      // A short, jittered pause lets the other side finish first.
      await new Promise((r) => setTimeout(r, 25 * attempt + Math.random() * 50));
    }
  }
}
