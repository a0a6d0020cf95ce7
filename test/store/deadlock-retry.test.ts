import { isDeadlock, retryOnDeadlock } from '../../src/store/deadlock-retry.js';

describe('retryOnDeadlock', () => {
  const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });

  it('runs the work again when PostgreSQL aborted it as a deadlock victim', async () => {
    let tries = 0;
    const result = await retryOnDeadlock(async () => {
      tries++;
      if (tries < 3) throw deadlock;
      return 'done';
    });
    expect(result).toBe('done');
    expect(tries).toBe(3);
  });

  it('gives up after the last attempt, and never retries other errors', async () => {
    let tries = 0;
    await expect(
      retryOnDeadlock(async () => {
        tries++;
        throw deadlock;
      }, 2),
    ).rejects.toBe(deadlock);
    expect(tries).toBe(2);
    const other = Object.assign(new Error('unique violation'), { code: '23505' });
    tries = 0;
    await expect(
      retryOnDeadlock(async () => {
        tries++;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(tries).toBe(1);
    expect(isDeadlock(other)).toBe(false);
    expect(isDeadlock(null)).toBe(false);
  });
});
