// Child process for bundle-writer.test.ts: writes a bundle large enough to be killed half way.
import { writeBundle } from '../../src/collect/bundle-writer';

const out = process.argv[2];
if (out === undefined) throw new Error('usage: write-large-bundle.ts <out>');
const files = Array.from({ length: 20_000 }, (_, i) => ({
  path: `docker/top/${i.toString(16).padStart(64, '0')}.json`,
  bytes: new Uint8Array(4096).fill(65),
}));
await writeBundle({
  out,
  computerName: 'KILLED',
  collectedAt: new Date(),
  runs: [{ id: 'docker.top', status: 'ok', durationMs: 1, files }],
});
