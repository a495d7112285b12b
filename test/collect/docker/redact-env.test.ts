import { describe, expect, it } from 'vitest';
import {
  redactContainerInspect,
  redactEnvEntries,
  redactServiceSpec,
  redactTaskSpec,
} from '../../../src/collect/docker/redact-env';

describe('redacting environment values', () => {
  it('keeps names, hides values, including values that contain "="', () => {
    expect(redactEnvEntries(['DB_PASSWORD=s3cr=t', 'PATH=C:\\Windows', 'EMPTY=', 'INHERITED'])).toEqual([
      'DB_PASSWORD=<redacted>',
      'PATH=<redacted>',
      'EMPTY=<redacted>',
      'INHERITED',
    ]);
  });

  it('hides entries that are not strings rather than passing them on', () => {
    expect(redactEnvEntries(['A=1', 42, { B: 'x' }])).toEqual(['A=<redacted>', '<redacted>', '<redacted>']);
  });

  it('touches only Config.Env of an inspect and leaves the original alone', () => {
    const inspect = {
      Id: 'abc',
      Config: { Env: ['TOKEN=hunter2'], Labels: { a: 'b' } },
      HostConfig: { Env: ['NOT=touched'] },
    };
    const redacted = redactContainerInspect(inspect);
    expect(redacted).toEqual({
      Id: 'abc',
      Config: { Env: ['TOKEN=<redacted>'], Labels: { a: 'b' } },
      HostConfig: { Env: ['NOT=touched'] },
    });
    expect(inspect.Config.Env).toEqual(['TOKEN=hunter2']);
  });

  it('survives inspects without Config or Env, and values that are not objects', () => {
    expect(redactContainerInspect({ Id: 'x' })).toEqual({ Id: 'x' });
    expect(redactContainerInspect({ Config: null })).toEqual({ Config: null });
    expect(redactContainerInspect({ Config: { Env: null } })).toEqual({ Config: { Env: null } });
    expect(redactContainerInspect('text')).toBe('text');
  });

  it('redacts the same secrets in swarm service and task specs', () => {
    expect(
      redactServiceSpec({ Spec: { TaskTemplate: { ContainerSpec: { Env: ['K=v'], Image: 'i' } } } }),
    ).toEqual({
      Spec: { TaskTemplate: { ContainerSpec: { Env: ['K=<redacted>'], Image: 'i' } } },
    });
    // After `docker service update`, the spec before the update is kept beside the current one.
    expect(
      redactServiceSpec({
        Spec: { TaskTemplate: { ContainerSpec: { Env: ['K=new'] } } },
        PreviousSpec: { TaskTemplate: { ContainerSpec: { Env: ['K=old', 'BARE'] } } },
      }),
    ).toEqual({
      Spec: { TaskTemplate: { ContainerSpec: { Env: ['K=<redacted>'] } } },
      PreviousSpec: { TaskTemplate: { ContainerSpec: { Env: ['K=<redacted>', 'BARE'] } } },
    });
    expect(redactTaskSpec({ Spec: { ContainerSpec: { Env: ['K=v'] } } })).toEqual({
      Spec: { ContainerSpec: { Env: ['K=<redacted>'] } },
    });
  });
});
