import cliProgress from 'cli-progress';

/**
 * A terminal progress bar for the backfill (cli-progress): one bar, reset per
 * phase (companies, contacts, …, evaluate). Without a terminal (piped output,
 * CI) each finished phase is one plain line instead.
 */

export interface ProgressEvent {
  phase: string;
  done: number;
  total?: number;
}

export interface ProgressView {
  update(p: ProgressEvent): void;
  stop(): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stdout): ProgressView {
  const tty = stream.isTTY === true;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '  {phase} |{bar}| {value}/{total}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase: string | null = null;
  let last: ProgressEvent | null = null;
  const finishLine = () => {
    if (!tty && last)
      stream.write(`  ${last.phase}: ${last.done}${last.total ? `/${last.total}` : ''}\n`);
  };
  return {
    update(p) {
      // Unknown totals grow with the count, so the bar reads as "working" rather than stuck.
      const total = Math.max(p.total ?? p.done, p.done, 1);
      if (p.phase !== phase) {
        if (phase !== null) {
          if (tty) bar.stop();
          finishLine();
        }
        phase = p.phase;
        if (tty) bar.start(total, p.done, { phase: p.phase.padEnd(9) });
      } else if (tty) {
        bar.setTotal(total);
        bar.update(p.done, { phase: p.phase.padEnd(9) });
      }
      last = p;
    },
    stop() {
      if (phase === null) return;
      if (tty) bar.stop();
      finishLine();
      phase = null;
    },
  };
}
