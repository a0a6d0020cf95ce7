import { buildPortal } from './portal.js';
import { makeContext, computeFacts } from '../src/domain/index.js';
import { lastCompletedQuarters, addMonths, dayNumber } from '../src/domain/dates.js';
const N = 5000;
const p = buildPortal(N);
const ctx = makeContext(p.settings, p.asOf);
function time(name: string, f: () => unknown) {
  for (let k = 0; k < 3; k++) f();
  let best = Infinity;
  for (let k = 0; k < 9; k++) { const c = process.cpuUsage(); f(); const u = process.cpuUsage(c); best = Math.min(best, (u.user + u.system) / 1000); }
  console.log(name.padEnd(24), (best / N * 1000).toFixed(2), 'µs/acct');
}
time('computeFacts', () => p.accounts.map((a) => computeFacts(a, ctx)));
time('lastCompletedQuarters', () => p.accounts.map(() => lastCompletedQuarters(ctx.today, 8, 1)));
time('addMonths x6', () => p.accounts.map(() => { let s = 0; for (let i = 0; i < 6; i++) s += addMonths(ctx.today, -i); return s; }));
time('dayNumber deals+eng', () => p.accounts.map((a) => { let s = 0; for (const d of a.deals) if (d.closeDate) s += dayNumber(d.closeDate); for (const e of a.engagements) s += dayNumber(e.date); return s; }));
time('touch objs+sort', () => p.accounts.map((a) => { const t = a.engagements.map((e) => ({ id: e.id, type: e.type, day: 1, contactIds: e.contactIds })); t.sort((x, y) => y.day - x.day); return t; }));
time('contact map', () => p.accounts.map((a) => { const m = new Map<string, number>(); for (const e of a.engagements) for (const c of e.contactIds) m.set(c, 1); return m; }));
