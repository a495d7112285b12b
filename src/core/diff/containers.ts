// Containers compared between two bundles. A container is matched by its id first: `docker restart` and a
// restart policy keep the id. An id found on one side only is matched by name next: the name is the user's, so a
// new id under the old name is the same service re-created (`docker rm` + `docker run`, compose up). A swarm
// task is replaced under a new name, so a service's slot (`web.1.<task>`) is the last key.

import type { Change } from '../../shared/diff';
import type { Container, HostModel, Source } from '../../shared/model';
import { fieldChanges, setText, sideEvidence, unknownReason, type Compared, type Field } from './keyed';

export interface ContainerMatch {
  readonly older: Container;
  readonly newer: Container;
  readonly how: 'id' | 'name' | 'swarm-slot';
}

export interface ContainerComparison extends Compared {
  readonly matches: readonly ContainerMatch[];
}

const portText = (c: Container): string | null =>
  setText(
    c.publishedPorts.map(
      (p) => `${p.hostIp ?? ''}:${p.hostPort ?? '(not bound)'}->${p.containerPort}/${p.protocol}`,
    ),
  );

/** What the issue asks to see change: image, IP, ports, networks, state, exit code (and health, restarts). */
function fieldsOf(older: Container, newer: Container): readonly Field<Container>[] {
  const networks = new Set([...older.networks, ...newer.networks].map((n) => n.name));
  return [
    { name: 'image', value: (c) => c.image },
    { name: 'image id', value: (c) => c.imageId },
    { name: 'state', value: (c) => c.state },
    { name: 'exit code', value: (c) => nullableText(c.lifecycle.exitCode) },
    { name: 'health', value: (c) => c.lifecycle.health?.status ?? null },
    { name: 'restart policy', value: (c) => c.lifecycle.restartPolicy },
    { name: 'networks', value: (c) => setText(c.networks.map((n) => n.name)) },
    ...[...networks].sort().map((name) => ({
      name: `ip ${name}`,
      value: (c: Container) => c.networks.find((n) => n.name === name)?.ip ?? null,
    })),
    { name: 'ports', value: portText },
  ];
}

function nullableText(value: number | null): string | null {
  return value === null ? null : String(value);
}

/** `web.1` of the swarm task `web.1.<task id>`; null for a container that is no task. */
function swarmSlot(c: Container): string | null {
  if (c.swarm === null) return null;
  const match = /^(.+\.\d+)\.[a-z0-9]+$/i.exec(c.name);
  return match ? match[1]! : null;
}

function matchContainers(
  older: readonly Container[],
  newer: readonly Container[],
): { matches: ContainerMatch[]; removed: Container[]; created: Container[] } {
  const matches: ContainerMatch[] = [];
  const newerById = new Map(newer.map((c) => [c.id, c]));
  const taken = new Set<string>();
  let left: Container[] = [];
  for (const c of older) {
    const same = newerById.get(c.id);
    if (same && !taken.has(same.id)) {
      matches.push({ older: c, newer: same, how: 'id' });
      taken.add(same.id);
    } else left.push(c);
  }
  for (const [how, keyOf] of [
    ['name', (c: Container): string | null => c.name],
    ['swarm-slot', swarmSlot],
  ] as const) {
    const candidates = new Map<string, Container>();
    for (const c of newer) {
      const key = keyOf(c);
      if (key !== null && !taken.has(c.id) && !candidates.has(key)) candidates.set(key, c);
    }
    const still: Container[] = [];
    for (const c of left) {
      const key = keyOf(c);
      const match = key === null ? undefined : candidates.get(key);
      if (match && !taken.has(match.id)) {
        matches.push({ older: c, newer: match, how });
        taken.add(match.id);
      } else still.push(c);
    }
    left = still;
  }
  return { matches, removed: left, created: newer.filter((c) => !taken.has(c.id)) };
}

const describe = (c: Container): string =>
  `${c.name} (${c.id.slice(0, 12)}) ${c.image}, ${c.state}${
    c.networks.length > 0 ? `, ${c.networks.map((n) => `${n.name} ${n.ip ?? 'no IP'}`).join(', ')}` : ''
  }`;

function matchChanges(m: ContainerMatch, older: Source, newer: Source): Change[] {
  const subject = `container:${m.newer.name}`;
  const label = `container ${m.newer.name}`;
  const out: Change[] = [];
  if (m.how !== 'id') {
    out.push({
      kind: 'container-recreated',
      area: 'container',
      subject,
      label,
      field: m.how === 'name' ? 'id' : 'swarm task',
      before: m.how === 'name' ? m.older.id : m.older.name,
      after: m.how === 'name' ? m.newer.id : m.newer.name,
      evidence: [
        sideEvidence(
          'older',
          older,
          `${m.older.name} has id ${m.older.id}, created ${m.older.created ?? '?'}`,
        ),
        sideEvidence(
          'newer',
          newer,
          `${m.newer.name} has id ${m.newer.id}, created ${m.newer.created ?? '?'}`,
        ),
      ],
    });
  } else if (
    m.older.startedAt !== null &&
    m.newer.startedAt !== null &&
    m.older.startedAt !== m.newer.startedAt
  ) {
    out.push({
      kind: 'container-restarted',
      area: 'container',
      subject,
      label,
      field: 'started',
      before: m.older.startedAt,
      after: m.newer.startedAt,
      evidence: [
        sideEvidence(
          'older',
          older,
          `${m.older.name} StartedAt ${m.older.startedAt}, RestartCount ${m.older.lifecycle.restartCount ?? '?'}`,
        ),
        sideEvidence(
          'newer',
          newer,
          `${m.newer.name} StartedAt ${m.newer.startedAt}, RestartCount ${m.newer.lifecycle.restartCount ?? '?'}`,
        ),
      ],
    });
  }
  out.push(
    ...fieldChanges(
      { area: 'container', kind: 'container-changed', subject, label, fields: fieldsOf(m.older, m.newer) },
      { entry: m.older, source: older },
      { entry: m.newer, source: newer },
    ),
  );
  return out;
}

export function compareContainers(older: HostModel, newer: HostModel): ContainerComparison {
  const reason = unknownReason(older.containers, newer.containers);
  if (reason !== null || older.containers.kind !== 'known' || newer.containers.kind !== 'known')
    return { changes: [], matches: [], notCompared: [{ area: 'container', reason: reason ?? '' }] };
  const before = older.containers;
  const after = newer.containers;
  const { matches, removed, created } = matchContainers(before.value, after.value);
  const changes: Change[] = matches.flatMap((m) => matchChanges(m, before.source, after.source));
  for (const c of removed)
    changes.push({
      kind: 'container-removed',
      area: 'container',
      subject: `container:${c.name}`,
      label: `container ${c.name}`,
      before: describe(c),
      after: null,
      evidence: [
        sideEvidence('older', before.source, describe(c)),
        sideEvidence('newer', after.source, `no container with id ${c.id.slice(0, 12)} or name ${c.name}`),
      ],
    });
  for (const c of created)
    changes.push({
      kind: 'container-created',
      area: 'container',
      subject: `container:${c.name}`,
      label: `container ${c.name}`,
      before: null,
      after: describe(c),
      evidence: [
        sideEvidence('older', before.source, `no container with id ${c.id.slice(0, 12)} or name ${c.name}`),
        sideEvidence('newer', after.source, describe(c)),
      ],
    });
  return { changes, matches, notCompared: [] };
}
