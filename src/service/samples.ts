// The sample hosts shipped in resources/samples/: what the app opens when there is no Windows host at hand.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SampleHost } from '../shared/views';

export function listSamples(samplesDir: string): readonly SampleHost[] {
  if (!existsSync(samplesDir)) return [];
  return readdirSync(samplesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(samplesDir, entry.name, 'manifest.json')))
    .map((entry) => ({ name: entry.name, title: sampleTitle(entry.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The sample a shell opens when it is given no bundle: the richest one, else the first there is. */
export const DEFAULT_SAMPLE = 'server2016-swarm-portainer';

export function defaultSample(samplesDir: string): string | null {
  const samples = listSamples(samplesDir);
  return (samples.find((s) => s.name === DEFAULT_SAMPLE) ?? samples[0])?.name ?? null;
}

/** `server2016-swarm-portainer` -> `Server 2016: swarm, portainer`. */
export function sampleTitle(name: string): string {
  const [first = name, ...rest] = name.split('-');
  const os = first.replace(/^server(\d{4})$/, 'Server $1');
  return rest.length === 0 ? os : `${os}: ${rest.join(' ')}`;
}
