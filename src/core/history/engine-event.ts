// One message of the Docker engine's event stream (`GET /events`, Engine API "Monitor events") as a timeline mark,
// or null for the actions the timeline does not draw. Docker writes health as the action
// `health_status: healthy`; Podman's compatible API writes `health_status` with the status in the attributes.
// Network connect/disconnect: Docker names the network (Actor.Attributes.name) and the container only by id
// (Attributes.container); Podman's compatible API sends no `container` attribute and puts the container's own
// id and name in Actor instead (seen on Podman 5), so the network is then not known.

import type { EngineEventMark } from '../../shared/history';

const MAX_TEXT = 256;

export interface EventNames {
  /** A container's name from its id, where the caller knows it. */
  readonly containerName: (id: string) => string | null;
}

export function engineEventMark(message: unknown, names: EventNames): EngineEventMark | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  const type = text(m.Type) ?? text(m.type);
  const action = text(m.Action) ?? text(m.status) ?? text(m.Status);
  if (type === null || action === null) return null;
  const actor = (typeof m.Actor === 'object' && m.Actor !== null ? m.Actor : {}) as Record<string, unknown>;
  const attributes = (
    typeof actor.Attributes === 'object' && actor.Attributes !== null ? actor.Attributes : {}
  ) as Record<string, unknown>;
  const at = timeOf(m);
  if (at === null) return null;

  if (type === 'container') {
    const id = text(actor.ID) ?? text(m.id) ?? '';
    const container = text(attributes.name) ?? names.containerName(id) ?? shortId(id);
    if (container === '') return null;
    if (action === 'start' || action === 'restart') return { at, kind: action, container, detail: null };
    if (action === 'die') return { at, kind: 'die', container, detail: text(attributes.exitCode) };
    if (action.startsWith('health_status')) {
      const status = action.includes(':') ? action.slice(action.indexOf(':') + 1).trim() : null;
      return { at, kind: 'health', container, detail: status || text(attributes.health_status) };
    }
    return null;
  }
  if (type === 'network' && (action === 'connect' || action === 'disconnect')) {
    const id = text(attributes.container);
    if (id === null) {
      const container = text(attributes.name) ?? shortId(text(actor.ID) ?? '');
      return container === '' ? null : { at, kind: action, container, detail: null };
    }
    return {
      at,
      kind: action,
      container: names.containerName(id) ?? shortId(id),
      detail: text(attributes.name),
    };
  }
  return null;
}

/** `timeNano` when given (two events in one second keep their order), else `time` in seconds. */
function timeOf(m: Record<string, unknown>): string | null {
  const nano = m.timeNano;
  const ms =
    typeof nano === 'number' && Number.isFinite(nano) && nano > 0
      ? nano / 1e6
      : typeof m.time === 'number' && Number.isFinite(m.time) && m.time > 0
        ? m.time * 1000
        : null;
  if (ms === null) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || value === '') return null;
  return value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value;
}

function shortId(id: string): string {
  return /^[0-9a-f]{12,}$/i.test(id) ? id.slice(0, 12) : id.slice(0, 64);
}
