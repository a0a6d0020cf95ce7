import { readFile, writeFile } from 'node:fs/promises';

/**
 * Another process's memory from /proc (Linux): its resident set now and its
 * peak since it started (VmHWM, kept by the kernel, so a short spike between
 * two samples is not missed). Bytes; null where /proc is not available.
 */
export interface ProcMemory {
  rss: number;
  peakRss: number;
}

export async function procMemory(pid: number): Promise<ProcMemory | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest seen and the last. */
export function sampleRss(
  pid: number,
  everyMs = 250,
): { stop(): Promise<ProcMemory & { max: number }> } {
  let max = 0;
  let last: ProcMemory | null = null;
  const tick = async () => {
    last = (await procMemory(pid)) ?? last;
    if (last) max = Math.max(max, last.rss);
  };
  const timer = setInterval(() => void tick(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await tick();
      return { rss: last?.rss ?? NaN, peakRss: last?.peakRss ?? NaN, max };
    },
  };
}

/**
 * Resets the kernel's peak-RSS mark of a process (writing 5 to clear_refs,
 * Linux 4.0+), so VmHWM afterwards is the peak of what follows. False when
 * not permitted: the caller then relies on sampling.
 */
export async function resetPeakRss(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
