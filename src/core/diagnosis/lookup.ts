// Finding a container the way docker does: full id, then name, then a unique id prefix.

import type { Container, HostModel } from '../../shared/model';

export type ContainerLookup =
  | { readonly kind: 'found'; readonly container: Container }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly Container[] }
  | { readonly kind: 'not-found'; readonly suggestions: readonly string[]; readonly reason?: string };

const MAX_SUGGESTIONS = 5;
/** Names longer than this are not compared: a hostile bundle must not make a lookup quadratic in a name. */
const MAX_COMPARED = 128;

/** Edit distance, stopping early once it exceeds `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      current.push(value);
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** Container names close to what was typed: a few edits away, or containing it. */
export function closeNames(containers: readonly Container[], ref: string): readonly string[] {
  const wanted = ref.replace(/^\//, '').toLowerCase().slice(0, MAX_COMPARED);
  if (wanted === '') return [];
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const c of containers) {
    const name = c.name.toLowerCase();
    if (name.length > MAX_COMPARED) continue;
    const score = name.includes(wanted) || wanted.includes(name) ? 0 : distance(wanted, name, limit);
    if (score <= limit) scored.push({ name: c.name, score });
  }
  return scored
    .sort((x, y) => x.score - y.score || x.name.localeCompare(y.name))
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.name);
}

export function findContainer(model: HostModel, ref: string): ContainerLookup {
  if (model.containers.kind === 'unknown')
    return { kind: 'not-found', suggestions: [], reason: model.containers.reason };
  return findIn(model.containers.value, ref);
}

export function findIn(containers: readonly Container[], ref: string): ContainerLookup {
  const wanted = ref.trim();
  const name = wanted.replace(/^\//, '');
  const id = wanted.toLowerCase();
  const byId = containers.find((c) => c.id === id);
  if (byId) return { kind: 'found', container: byId };
  const byName = containers.filter((c) => c.name === name);
  if (byName.length === 1) return { kind: 'found', container: byName[0]! };
  if (byName.length > 1) return { kind: 'ambiguous', candidates: byName };
  if (/^[0-9a-f]+$/.test(id)) {
    const byPrefix = containers.filter((c) => c.id.startsWith(id));
    if (byPrefix.length === 1) return { kind: 'found', container: byPrefix[0]! };
    if (byPrefix.length > 1) return { kind: 'ambiguous', candidates: byPrefix };
  }
  // Names are case-sensitive to docker, but an admin typing PORTAINER means portainer when only one fits.
  const folded = containers.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  if (folded.length === 1) return { kind: 'found', container: folded[0]! };
  // Swarm task containers are named <service>.<slot>.<task id>: `web.1` means that task, `web` any of them.
  if (name !== '') {
    const tasks = containers.filter((c) => c.name.startsWith(`${name}.`));
    if (tasks.length === 1) return { kind: 'found', container: tasks[0]! };
    if (tasks.length > 1) return { kind: 'ambiguous', candidates: tasks };
  }
  return { kind: 'not-found', suggestions: closeNames(containers, name) };
}
