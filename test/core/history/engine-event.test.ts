// Engine event messages as Docker documents them (Engine API "Monitor events") and as Podman 5's compatible API
// sent them on this machine (network events carry the container in Actor, not in Attributes.container).
import { describe, expect, it } from 'vitest';
import { engineEventMark } from '../../../src/core/history';

const ID = '40aa72139c9b01732e78945f07dab7551a28dac92fe163ece70ad081d35fe32f';
const names = { containerName: (id: string): string | null => (id === ID ? 'web' : null) };
const at = { time: 1796632795, timeNano: 1796632795212200000 };

describe('engine events as timeline marks', () => {
  it('reads start, die with its exit code, and restart', () => {
    const container = (Action: string, Attributes: Record<string, string>): unknown => ({
      Type: 'container',
      Action,
      Actor: { ID, Attributes: { name: 'web', ...Attributes } },
      ...at,
    });
    expect(engineEventMark(container('start', {}), names)).toEqual({
      // timeNano, not time: the milliseconds are kept.
      at: '2026-12-07T08:39:55.212Z',
      kind: 'start',
      container: 'web',
      detail: null,
    });
    expect(engineEventMark(container('die', { exitCode: '1073807364' }), names)).toMatchObject({
      kind: 'die',
      detail: '1073807364',
    });
    expect(engineEventMark(container('restart', {}), names)?.kind).toBe('restart');
    expect(engineEventMark(container('exec_start: sh', {}), names)).toBeNull();
  });

  it("reads Docker's health action and Podman's health attribute", () => {
    const docker = {
      Type: 'container',
      Action: 'health_status: unhealthy',
      Actor: { ID, Attributes: {} },
      ...at,
    };
    expect(engineEventMark(docker, names)).toMatchObject({
      kind: 'health',
      container: 'web',
      detail: 'unhealthy',
    });
    const podman = {
      Type: 'container',
      Action: 'health_status',
      Actor: { ID, Attributes: { name: 'web', health_status: 'healthy' } },
      ...at,
    };
    expect(engineEventMark(podman, names)).toMatchObject({ kind: 'health', detail: 'healthy' });
  });

  it("names the network from Docker's connect, and the container from Podman's", () => {
    const docker = {
      Type: 'network',
      Action: 'connect',
      Actor: { ID: 'net1', Attributes: { container: ID, name: 'nat', type: 'nat' } },
      ...at,
    };
    expect(engineEventMark(docker, names)).toMatchObject({
      kind: 'connect',
      container: 'web',
      detail: 'nat',
    });
    const unknownContainer = {
      ...docker,
      Actor: { ID: 'net1', Attributes: { container: 'f'.repeat(64), name: 'nat' } },
    };
    expect(engineEventMark(unknownContainer, names)?.container).toBe('ffffffffffff');
    const podman = {
      Type: 'network',
      Action: 'disconnect',
      Actor: { ID, Attributes: { name: 'web' } },
      ...at,
    };
    expect(engineEventMark(podman, names)).toMatchObject({
      kind: 'disconnect',
      container: 'web',
      detail: null,
    });
  });

  it('ignores what is not an event it can place in time', () => {
    expect(engineEventMark(null, names)).toBeNull();
    expect(engineEventMark('start', names)).toBeNull();
    expect(engineEventMark({ Type: 'container', Action: 'start', Actor: { ID } }, names)).toBeNull();
    expect(engineEventMark({ Type: 'image', Action: 'pull', ...at }, names)).toBeNull();
    expect(engineEventMark({ Type: 'container', Action: 'start', time: 1e20 }, names)).toBeNull();
  });
});
