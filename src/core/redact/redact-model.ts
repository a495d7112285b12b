// A host model with its names replaced, for building a redacted report (issue 11, item 3). The report is built from
// this model, so the pseudonyms stand exactly where the diagnosis put a value into its sentences and every word of
// those sentences stays as written ("Docker reports container-1 publishing ..."). Addresses are left in: the
// diagnosis compares them (subnets, bindings); the report's own pass replaces them afterwards, and an address is
// never a word.
import type { HostModel } from '../../shared/model';
import type { Redactor } from './redactor';

// Keys whose values are the model's own vocabulary (states, enums, ids, bundle paths, timestamps, versions): the
// diagnosis compares them with constants, so a name that happens to spell one must not rewrite it.
const KEEP_KEYS: ReadonlySet<string> = new Set([
  'id',
  'kind',
  'state',
  'status',
  'manifestStatus',
  'protocol',
  'file',
  'files',
  'probe',
  'encoding',
  'location',
  'networkId',
  'endpointId',
  'serviceId',
  'taskId',
  'nodeId',
  'containerId',
  'virtualNetworkId',
  'imageId',
  'vmGuid',
  'driver',
  'type',
  'scope',
  'mode',
  'publishMode',
  'origin',
  'direction',
  'action',
  'profiles',
  'networkCategory',
  'family',
  'isolationRequested',
  'defaultIsolation',
  'localNodeState',
  'role',
  'availability',
  'startMode',
  'busType',
  'operationalStatus',
  'vhdType',
  'created',
  'startedAt',
  'startTime',
  'creationTime',
  'collectedAt',
  'version',
  'apiVersion',
  'os',
  'kernelVersion',
  'caption',
  'editionId',
  'installationType',
  'psVersion',
  'features',
  'envNames',
  'sharedContainers',
  'keywords',
  // Active checks (issue 14): outcomes and tools are vocabulary; the ids name containers by id, as elsewhere.
  'outcome',
  'tool',
  'sourceContainer',
  'sourceKind',
]);

// Parts of the model that hold nothing but vocabulary (profile names are `domain`, `private`, `public`). Probe
// outcomes are not among them: a manifest's error message can name the host.
const KEEP_SECTIONS: ReadonlySet<string> = new Set(['firewallProfiles']);

/** Where a value sits: the model's section, its key, and the keys of the two objects around it. */
interface Place {
  readonly section: string;
  readonly key: string;
  readonly parent: string | null;
  readonly grandparent: string | null;
}

// Fields that hold exactly one name: replaced whole, even when the name is a word that free text keeps (a container
// called `docker`). `name` means a name only where the object is a container, a network's container entry, a swarm
// service or the engine (a process's or a network's `name` is free text).
function isNameField({ section, key, parent, grandparent }: Place): boolean {
  if (key === 'computerName' || key === 'hostname' || key === 'serviceName' || key === 'userName')
    return true;
  if (key === 'owner') return section === 'hcs';
  if (key !== 'name') return false;
  return (
    (section === 'containers' && parent === 'value' && grandparent === 'containers') ||
    (section === 'networks' && parent === 'containers') ||
    (section === 'swarmServices' && parent === 'value' && grandparent === 'swarmServices') ||
    (section === 'engine' && parent === 'value' && grandparent === 'engine')
  );
}

function redactPart(value: unknown, redactor: Redactor, place: Place, clean: Set<string>): unknown {
  if (typeof value === 'string') {
    if (KEEP_KEYS.has(place.key) || clean.has(value)) return value;
    // An image's tags are image references like `image` (docker.images, issue 16).
    if (place.key === 'image' || place.key === 'repoTags') return redactor.image(value, 'names');
    if (isNameField(place)) return redactor.name(value);
    const out = redactor.text(value, 'names');
    // Most strings of a large host repeat and hold no name (states, NAT names, addresses): searched once.
    if (out === value) clean.add(value);
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => redactPart(item, redactor, place, clean));
  if (value !== null && typeof value === 'object') {
    // `source` is where a part came from (probe and file): structure. A mount's `source` is a string, redacted above.
    if (place.key === 'source' || KEEP_KEYS.has(place.key)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>))
      out[key] = redactPart(
        child,
        redactor,
        { section: place.section, key, parent: place.key, grandparent: place.parent },
        clean,
      );
    return out;
  }
  return value;
}

/** The model with every name and secret replaced through `redactor` (scope `names`), addresses as they were. */
export function redactModel(model: HostModel, redactor: Redactor): HostModel {
  const out: Record<string, unknown> = {};
  const clean = new Set<string>();
  for (const [section, part] of Object.entries(model))
    out[section] = KEEP_SECTIONS.has(section)
      ? part
      : redactPart(part, redactor, { section, key: section, parent: null, grandparent: null }, clean);
  return out as unknown as HostModel;
}
