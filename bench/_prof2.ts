import { buildPortal } from './portal.js';
import { evaluatePortfolio } from '../src/domain/index.js';
const p = buildPortal(3000);
const inputs = p.accounts.map((account) => ({ account, previous: null }));
for (let k = 0; k < 3; k++) evaluatePortfolio(inputs, p.settings, p.asOf);
const { Session } = await import('node:inspector/promises');
const s = new Session(); s.connect();
await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 200 }); await s.post('Profiler.start');
for (let k = 0; k < 4; k++) evaluatePortfolio(inputs, p.settings, p.asOf);
const { profile } = await s.post('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (id: number) => { const f = byId.get(id)!.callFrame; return `${f.functionName || '(anon)'}@${f.url.split('/').slice(-1)[0]}:${f.lineNumber + 1}`; };
const self = new Map<string, number>(); const incl = new Map<string, number>();
const dt = profile.timeDeltas!; const samples = profile.samples!;
for (let i = 0; i < samples.length; i++) {
  let id: number | undefined = samples[i];
  const k = name(id); self.set(k, (self.get(k) ?? 0) + dt[i]);
  const seen = new Set<string>();
  while (id !== undefined) { const nm = name(id); if (!seen.has(nm)) { seen.add(nm); incl.set(nm, (incl.get(nm) ?? 0) + dt[i]); } id = parent.get(id); }
}
const total = dt.reduce((a, b) => a + b, 0);
console.log('--- self'); for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((100 * v / total).toFixed(1).padStart(5), k);
console.log('--- inclusive'); for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((100 * v / total).toFixed(1).padStart(5), k);
// who calls dispatch
const disp = new Map<string, number>();
for (let i = 0; i < samples.length; i++) { const id = samples[i]; if (name(id).startsWith('dispatch')) { const p2 = parent.get(id); const k = p2 ? name(p2) : '?'; disp.set(k, (disp.get(k) ?? 0) + dt[i]); } }
console.log('--- dispatch parents'); for (const [k, v] of [...disp].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log((100 * v / total).toFixed(1).padStart(5), k);
