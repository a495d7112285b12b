// npm run bench:import: `hostscope import`'s planner (pure: text -> blocks -> probe files) on pastes of growing
// size, and on hostile ones. One JSON line each: characters, the fastest of three runs in ms, MB/s, and for the
// growing pastes the time per character relative to the smallest (target: about 1, i.e. linear).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { planImport } from '../src/core/import/plan';

const paste = readFileSync(
  join(import.meta.dirname, '../test/fixtures/import/server2019-broken-nat-paste.txt'),
  'utf8',
);

function fastest(text: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    planImport([{ name: 'bench', text }]);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

planImport([{ name: 'warm-up', text: paste }]);
let baseline: number | null = null;
for (const copies of [1, 4, 16, 64]) {
  const text = Array.from({ length: copies }, () => paste).join('\n');
  const ms = fastest(text);
  const perChar = ms / text.length;
  baseline ??= perChar;
  console.log(
    JSON.stringify({
      case: `sample paste x${copies}`,
      chars: text.length,
      ms: round(ms),
      mbPerS: round(text.length / 1e6 / (ms / 1000), 2),
      linearity: round(perChar / baseline, 2),
    }),
  );
}

const tcpRow = (i: number): string =>
  `10.0.${(i >> 8) & 255}.${i & 255}${' '.repeat(3)}${String(1024 + (i % 60000)).padStart(9)} 10.1.0.1${' '.repeat(6)}${String(i % 65535).padStart(10)} Established ${' '.repeat(14)} ${String(i % 9999).padStart(13)}`;
const hostile: Record<string, string> = {
  '10 MB on one line': `PS C:\\> Get-NetNat\n${'A'.repeat(10 * 1024 * 1024)}\n`,
  '10 MB of nested @{ lines': `PS C:\\> Get-HnsEndpoint\n${Array.from({ length: 2000 }, (_, i) => `P${i} : ${'@{A='.repeat(1200)}1${'}'.repeat(1200)}`).join('\n')}\n`,
  '100,000-row Get-NetTCPConnection table': `PS C:\\> Get-NetTCPConnection\n\nLocalAddress LocalPort RemoteAddress RemotePort State       AppliedSetting OwningProcess\n------------ --------- ------------- ---------- -----       -------------- -------------\n${Array.from({ length: 100_000 }, (_, i) => tcpRow(i)).join('\n')}\n`,
  '200,000 lines of prose without a command': Array.from(
    { length: 200_000 },
    (_, i) => `line ${i}: nothing here looks like output`,
  ).join('\n'),
};
for (const [name, text] of Object.entries(hostile)) {
  const ms = fastest(text);
  console.log(
    JSON.stringify({
      case: name,
      chars: text.length,
      ms: round(ms),
      mbPerS: round(text.length / 1e6 / (ms / 1000), 2),
    }),
  );
}
