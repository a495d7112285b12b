// The sample hosts (resources/samples): their names, and each read through the real reader and model once per
// test file.
import { readBundle } from '../../src/collect/bundle-reader';
import { findContainer } from '../../src/core/diagnosis';
import { buildHostModel } from '../../src/core/host-model';
import type { Container, HostModel } from '../../src/shared/model';

/** Every sample host, named here so that one gone missing fails the tests that walk them all. */
export const SAMPLE_HOSTS: readonly string[] = [
  'server2016-swarm-portainer',
  'server2019-broken-nat',
  'server2022-healthy',
  'server2022-hns-nat',
  'server2022-hns-trouble',
];

const models = new Map<string, Promise<HostModel>>();

export function sampleModel(name: string): Promise<HostModel> {
  let model = models.get(name);
  if (!model) {
    model = readBundle(`resources/samples/${name}`).then(buildHostModel);
    models.set(name, model);
  }
  return model;
}

/** The container a name or id prefix names (findContainer), or a thrown error saying why there is none. */
export function sampleContainer(model: HostModel, ref: string): Container {
  const found = findContainer(model, ref);
  if (found.kind !== 'found') throw new Error(`${ref}: ${found.kind}`);
  return found.container;
}
