import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * Runs bench/lib/sandbox-server.ts in its own Node process, pinned to CPU 0
 * with `taskset` where available (the load generator then keeps to the other
 * cores), and talks to it over a line protocol on stdin/stdout.
 */

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

export interface Memory {
  heapUsed: number;
  rss: number;
  external: number;
  peakRss: number;
}

export interface ServerReady {
  url: string;
  token: string;
  loadMs: number;
  loadCpuMs: number;
  records: number;
  stats: { objects: Record<string, { live: number }>; associations: number };
  memoryBefore: Memory;
  memory: Memory;
  ids: { companies: number[]; contacts: number[]; deals: number[] };
  dealsUpdated: [number, number];
}

/** Counted once: availableParallelism() would shrink after this process pins itself. */
const CORES = cpus().length;

function hasTaskset(): boolean {
  return process.platform === 'linux' && spawnSync('taskset', ['-V']).status === 0;
}

/** Moves this process (the load generator) off CPU 0 when the sandbox is pinned there. */
export function pinSelfAwayFromSandbox(): string {
  if (CORES < 2 || !hasTaskset()) return 'all';
  const cores = CORES === 2 ? '1' : `1-${CORES - 1}`;
  const r = spawnSync('taskset', ['-a', '-p', '-c', cores, String(process.pid)]);
  return r.status === 0 ? cores : 'all';
}

/** A server script run pinned to CPU 0 that speaks the READY / cpu / stats line protocol. */
export interface PinnedProcess<R> {
  ready: R;
  /** Cores it may run on ("0"), or "all" when it could not be pinned. */
  cores: string;
  cpuMs(): Promise<number>;
  stats(): Promise<{ memory: Memory; cpuMs: number }>;
  stop(): Promise<void>;
}

export async function startPinned<R>(
  script: string,
  nodeArgs: string[],
  env: NodeJS.ProcessEnv,
  readyTimeoutMs: number,
): Promise<PinnedProcess<R>> {
  const node = ['--import', 'tsx', ...nodeArgs, join(here, script)];
  const pinned = CORES >= 2 && hasTaskset();
  const options = { cwd: root, env: { ...process.env, ...env }, stdio: 'pipe' as const };
  const child: ChildProcess = pinned
    ? spawn('taskset', ['-c', '0', process.execPath, ...node], options)
    : spawn(process.execPath, node, options);
  child.stderr?.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<{ prefix: string; resolve: (json: string) => void }> = [];
  let readyResolve: ((json: string) => void) | undefined;
  lines.on('line', (line) => {
    const space = line.indexOf(' ');
    const prefix = space === -1 ? line : line.slice(0, space);
    const json = line.slice(space + 1);
    if (prefix === 'READY') readyResolve?.(json);
    const i = waiting.findIndex((w) => w.prefix === prefix);
    if (i >= 0) waiting.splice(i, 1)[0].resolve(json);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const readyJson = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} not ready after ${readyTimeoutMs} ms`));
    }, readyTimeoutMs);
    readyResolve = (json) => {
      clearTimeout(timer);
      resolve(json);
    };
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before it was ready (exit ${code})`));
    });
  });

  const ask = (cmd: string, prefix: string) =>
    new Promise<string>((resolve) => {
      waiting.push({ prefix, resolve });
      child.stdin?.write(`${cmd}\n`);
    });

  return {
    ready: JSON.parse(readyJson) as R,
    cores: pinned ? '0' : 'all',
    cpuMs: async () => (JSON.parse(await ask('cpu', 'CPU')) as { cpuMs: number }).cpuMs,
    stats: async () => JSON.parse(await ask('stats', 'STATS')) as { memory: Memory; cpuMs: number },
    stop: async () => {
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type SandboxProcess = PinnedProcess<ServerReady>;

export function startSandboxProcess(
  companies: number,
  readyTimeoutMs: number,
): Promise<SandboxProcess> {
  return startPinned<ServerReady>(
    'sandbox-server.ts',
    [
      '--expose-gc',
      // The goal is the large portal within 4 GB: a heap that needs more fails loudly.
      '--max-old-space-size=4096',
      // As `npm run sandbox` runs it: a young generation large enough that the garbage of
      // 100-record answers dies young instead of being promoted into the multi-GB old one.
      '--max-semi-space-size=64',
      // e.g. KAM_BENCH_SANDBOX_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the sandbox.
      ...(process.env.KAM_BENCH_SANDBOX_NODE_ARGS ?? '').split(' ').filter(Boolean),
    ],
    { KAM_BENCH_SANDBOX_COMPANIES: String(companies) },
    readyTimeoutMs,
  );
}

/** The machine's yardstick: a bare node:http server answering a fixed 1 KiB JSON body. */
export function startReferenceProcess(): Promise<PinnedProcess<{ url: string; token: string }>> {
  return startPinned('reference-server.ts', ['--expose-gc'], {}, 60_000);
}
