import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Our app as a production process (`src/cli/start.ts`, the Procfile's
 * command) for benchmarks that measure it from outside: its pid for /proc,
 * its output kept for a failure message, and a graceful stop.
 */
export interface BenchAppProcess {
  child: ChildProcess;
  pid: number;
  output: string[];
  /** Resolves when a line of output contains `text`. */
  waitFor(text: string, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export function spawnApp(env: NodeJS.ProcessEnv): BenchAppProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    pid: child.pid ?? -1,
    output,
    async waitFor(text, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!output.join('').includes(text)) {
        if (!running())
          throw new Error(`exited before "${text}":\n${output.join('').slice(-3000)}`);
        if (Date.now() > deadline)
          throw new Error(`no "${text}" within ${timeoutMs} ms:\n${output.join('').slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 2xx; fails with the process's output if it exits or times out. */
export async function untilOk(url: string, timeoutMs: number, app: BenchAppProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const fail = (why: string) => new Error(`${url} ${why}:\n${app.output.join('').slice(-3000)}`);
  for (;;) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (app.child.exitCode !== null || app.child.signalCode !== null)
      throw fail(`never ready: the process exited (${app.child.exitCode ?? app.child.signalCode})`);
    if (Date.now() > deadline) throw fail(`not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
