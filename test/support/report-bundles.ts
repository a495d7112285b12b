// The bundles report tests render: the shipped sample hosts and the hostile fixture, read by the real reader.
import { fileURLToPath } from 'node:url';
import { readBundle } from '../../src/collect/bundle-reader';
import { buildHostModel } from '../../src/core/host-model';
import type { RawBundle } from '../../src/shared/bundle';
import type { HostModel } from '../../src/shared/model';

export const SAMPLE_HOSTS = [
  'server2016-swarm-portainer',
  'server2019-broken-nat',
  'server2022-healthy',
] as const;

export const samplePath = (name: string): string =>
  fileURLToPath(new URL(`../../resources/samples/${name}`, import.meta.url));

/** Names and labels made to break HTML and Markdown, env values and addresses in every corner (raw probe output). */
export const HOSTILE_PATH = fileURLToPath(new URL('../fixtures/report/hostile-host', import.meta.url));
export const HOSTILE_NAME = '<img src=x onerror=alert(1)>';
export const HOSTILE_NAME_2 = 'web`|*_[x](y)<script>alert(3)</script>';

export interface LoadedBundle {
  readonly name: string;
  readonly path: string;
  readonly raw: RawBundle;
  readonly model: HostModel;
}

export async function loadBundle(name: string, path: string): Promise<LoadedBundle> {
  const raw = await readBundle(path);
  return { name, path, raw, model: buildHostModel(raw) };
}

/** Every bundle a report test covers: the three samples, then the hostile host. */
export function reportBundles(): readonly { readonly name: string; readonly path: string }[] {
  return [
    ...SAMPLE_HOSTS.map((name) => ({ name, path: samplePath(name) })),
    { name: 'hostile-host', path: HOSTILE_PATH },
  ];
}
