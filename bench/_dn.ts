import { buildPortal } from './portal.js';
import { dayNumber, daysFromCivil } from '../src/domain/dates.js';
const p = buildPortal(3000);
const dates: string[] = [];
for (const a of p.accounts) { for (const d of a.deals) if (d.closeDate) dates.push(d.closeDate); for (const e of a.engagements) dates.push(e.date); }
function fast(s: string): number {
  const y = (s.charCodeAt(0) - 48) * 1000 + (s.charCodeAt(1) - 48) * 100 + (s.charCodeAt(2) - 48) * 10 + (s.charCodeAt(3) - 48);
  const m = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48);
  const d = (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48);
  return daysFromCivil(y, m, d);
}
function fast2(s: string): number {
  const y = (s.charCodeAt(0) - 48) * 1000 + (s.charCodeAt(1) - 48) * 100 + (s.charCodeAt(2) - 48) * 10 + (s.charCodeAt(3) - 48);
  const m = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48);
  const d = (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48);
  const yy = m <= 2 ? y - 1 : y;
  const era = (yy >= 0 ? yy : yy - 399) / 400 | 0;
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = (((153 * mp + 2) / 5) | 0) + d - 1;
  const doe = yoe * 365 + ((yoe / 4) | 0) - ((yoe / 100) | 0) + doy;
  return era * 146097 + doe - 719468;
}
for (const f of [dayNumber, fast, fast2, dayNumber]) {
  let best = Infinity; let s = 0;
  for (let k = 0; k < 15; k++) { const c = process.cpuUsage(); for (const d of dates) s += f(d); const u = process.cpuUsage(c); best = Math.min(best, (u.user + u.system) * 1000 / dates.length); }
  console.log(f.name, best.toFixed(1), 'ns/date', s % 7);
}
let ok = true; for (const d of dates) if (fast2(d) !== dayNumber(d)) ok = false; console.log('equal', ok, dates.length);
