// The sample hosts (resources/samples) through the real reader and model, each read once per test file.
import { readBundle } from '../../src/collect/bundle-reader';
import { findContainer } from '../../src/core/diagnosis';
import { buildHostModel } from '../../src/core/host-model';
import type { Container, HostModel } from '../../src/shared/model';

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
