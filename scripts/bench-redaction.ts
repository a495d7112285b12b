// npm run bench:redact: what redaction costs on synthetic hosts of growing size (up to 1,000 containers). One
// JSON line per size: seeding from the raw files, a plain report document, a redacted one (names replaced in the
// model, the report built from it, then addresses), the redacted bundle, peak memory, and the redacted report's
// time over the plain one's (the price of redaction; it should stay a small constant factor).
import { performance } from 'node:perf_hooks';
import { buildHostModel } from '../src/core/host-model';
import { createRedactor, redactBundle, seedsFromBundle } from '../src/core/redact';
import { createReport } from '../src/core/report';
import { scaled, syntheticBundle } from '../test/support/synthetic-bundle';

const FACTORS = [0.125, 0.25, 0.5, 1];
let peakRss = 0;
const sample = (): void => void (peakRss = Math.max(peakRss, process.memoryUsage().rss));

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  const ms = performance.now() - start;
  sample();
  return { value, ms };
}

const round = (n: number): number => Number(n.toFixed(1));

for (const factor of FACTORS) {
  const raw = syntheticBundle(scaled(factor));
  const model = buildHostModel(raw);
  const containers = model.containers.kind === 'known' ? model.containers.value.length : 0;
  const seeds = timed(() => seedsFromBundle(raw));
  const generatedAt = new Date(0).toISOString();
  const plain = timed(() => createReport(model, { generatedAt, redact: false }));
  const redacted = timed(() => createReport(model, { generatedAt, redact: true, seeds: seeds.value }));
  const bundle = timed(() => redactBundle(raw, createRedactor(seeds.value)));
  if (plain.value.kind !== 'ok' || redacted.value.kind !== 'ok') throw new Error('report failed');
  console.log(
    JSON.stringify({
      containers,
      seeds: seeds.value.length,
      seedMs: round(seeds.ms),
      plainReportMs: round(plain.ms),
      redactedReportMs: round(redacted.ms),
      redactedOverPlain: round(redacted.ms / plain.ms),
      redactBundleMs: round(bundle.ms),
      peakRssMb: Math.round(peakRss / 2 ** 20),
    }),
  );
}
