// The container lifecycle (issue 13) read from docker inspect, the meaning of Windows exit codes, and the host's
// last boot beside the container's times, on the trouble sample and copies of it where one thing happened.

import { describe, expect, it } from 'vitest';
import { exitMeaning, lifecycleFacts, lifecycleLine } from '../../../src/core/diagnosis';
import { buildHostModel } from '../../../src/core/host-model';
import type { Container, HostModel } from '../../../src/shared/model';
import { asRaw, editContainer, editJson, sampleFiles } from '../../support/derived-bundle';

function modelOf(files: ReadonlyMap<string, Uint8Array>): HostModel {
  return buildHostModel(asRaw(files, 'test'));
}

function container(model: HostModel, name: string): Container {
  if (model.containers.kind !== 'known') throw new Error(model.containers.reason);
  const found = model.containers.value.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('container lifecycle', () => {
  it('reads exit code, engine error, finish, restart policy and count from docker inspect', () => {
    const model = modelOf(sampleFiles('server2022-hns-trouble'));
    const grpc = container(model, 'grpc').lifecycle;
    expect(grpc.exitCode).toBe(128);
    expect(grpc.error).toContain('0x803b0013');
    expect(grpc.restartPolicy).toBe('always');
    expect(grpc.restartCount).toBe(0);
    expect(grpc.health).toBeNull();
    // Go's zero time means never: a running container has not finished.
    expect(container(model, 'web').lifecycle.finishedAt).toBeNull();
    expect(container(model, 'admin').lifecycle.restartPolicy).toBe('no');
  });

  it('reads the health check: status, failing streak and the last check (not its output)', () => {
    const files = sampleFiles('server2022-hns-trouble');
    editContainer(files, 'web', (c) => {
      (c.State as Record<string, unknown>).Health = {
        Status: 'unhealthy',
        FailingStreak: 3,
        Log: [
          { Start: '2026-11-29T03:10:00Z', End: '2026-11-29T03:10:01Z', ExitCode: 1, Output: 'secret=abc' },
          { Start: '2026-11-29T03:10:30Z', End: '2026-11-29T03:10:31Z', ExitCode: 1, Output: 'secret=abc' },
        ],
      };
    });
    const web = container(modelOf(files), 'web');
    expect(web.lifecycle.health).toEqual({
      status: 'unhealthy',
      failingStreak: 3,
      lastExitCode: 1,
      lastCheckAt: '2026-11-29T03:10:31Z',
    });
    expect(JSON.stringify(web)).not.toContain('secret=abc');
  });

  it('knows what the Windows exit codes with a source mean, signed or unsigned, and nothing else', () => {
    expect(exitMeaning(1073807364)).toMatchObject({ hex: '0x40010004', basis: 'observed' });
    expect(exitMeaning(1073807364)?.meaning).toMatch(/host shut down or restarted/);
    expect(exitMeaning(3221225786)).toMatchObject({ hex: '0xC000013A' });
    // Some engine versions report the same 32 bits signed.
    expect(exitMeaning(-1073741510)?.hex).toBe('0xC000013A');
    expect(exitMeaning(3221226505)?.hex).toBe('0xC0000409');
    for (const code of [1073807364, 3221225786, 3221226505, 3221225477, 3221225794, 4294967295])
      expect(exitMeaning(code)?.reference).toMatch(/^https:\/\//);
    // No guess for a code without a source, and none for success.
    expect(exitMeaning(128)).toBeNull();
    expect(exitMeaning(1)).toBeNull();
    expect(exitMeaning(0)).toBeNull();
    expect(exitMeaning(null)).toBeNull();
  });

  it('a container stopped by a host restart: its exit code, and that it finished before the last boot', () => {
    const files = sampleFiles('server2022-hns-trouble');
    editJson<Record<string, unknown>>(files, 'host/os.json', (os) => {
      os.LastBootUpTime = '2026-11-29T03:05:00.0000000Z';
    });
    editContainer(files, 'grpc', (c) => {
      const state = c.State as Record<string, unknown>;
      state.ExitCode = 1073807364;
      state.Error = '';
      state.FinishedAt = '2026-11-29T03:01:12.5Z';
    });
    const model = modelOf(files);
    const grpc = container(model, 'grpc');
    const facts = lifecycleFacts(model, grpc);
    expect(facts.hostBootedAt).toBe('2026-11-29T03:05:00.0000000Z');
    expect(facts.finishedBeforeBoot).toBe(true);
    expect(facts.exitMeaning?.hex).toBe('0x40010004');
    const line = lifecycleLine(model, grpc);
    expect(line).toContain('exit code 1073807364 (0x40010004: terminated by the system');
    expect(line).toContain("stopped before the host's last boot");
    expect(line).toContain('restart policy always');
    // web was started after the boot.
    expect(lifecycleFacts(model, container(model, 'web')).startedAfterBoot).toBe(true);
  });

  it('without LastBootUpTime (bundle 1.0) the boot facts are unknown, not false', () => {
    const model = modelOf(sampleFiles('server2022-hns-trouble'));
    const facts = lifecycleFacts(model, container(model, 'grpc'));
    expect(facts.hostBootedAt).toBeNull();
    expect(facts.finishedBeforeBoot).toBeNull();
    expect(facts.startedAfterBoot).toBeNull();
  });
});
