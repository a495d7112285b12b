// The walkthrough's "user seen from the host" point, from the owners Get-Process -IncludeUserName gives.
import { describe, expect, it } from 'vitest';
import { isolationProfile } from '../../../src/core/diagnosis';
import type { Container, HostModel } from '../../../src/shared/model';
import { container, hostProcess, HostBuilder } from './model-builder';
import { webSpec } from './scenario';

const GUID = '3f20fb44-3e6d-45c1-a4b7-ef27eca11900';
const SYSTEM = 'NT AUTHORITY\\SYSTEM';

const userPoint = (model: HostModel, c: Container) =>
  isolationProfile(model, c).points.find((p) => p.id === 'user')!;

describe('user seen from the host', () => {
  const web = container(webSpec({ top: [3632, 3700] }));
  const withOwners = (owner: (session: number) => string | null) =>
    new HostBuilder()
      .containers(web)
      .processes(
        hostProcess(4, 'System', 0, { userName: owner(0) }),
        hostProcess(3600, 'CExecSvc', 2, { userName: owner(2) }),
        hostProcess(3632, 'w3wp', 2, { userName: owner(2) }),
        hostProcess(3700, 'powershell', 2, { userName: owner(2) }),
      )
      .build();

  it('shows that the host cannot resolve the owner of a process-isolated container (ContainerAdministrator)', () => {
    const point = userPoint(
      withOwners((s) => (s === 0 ? SYSTEM : null)),
      web,
    );
    expect(point.observable).toBe(true);
    expect(point.observed).toBe('the host resolves no owner for 3 of the 3 processes of its session');
    expect(point.evidence[0]).toEqual({
      file: 'host/processes.json',
      detail: 'CExecSvc (PID 3600, session 2): UserName empty',
    });
  });

  it('reports resolved owners as they are, without claiming they are unresolvable', () => {
    const point = userPoint(
      withOwners(() => 'User Manager\\ContainerUser'),
      web,
    );
    expect(point.observed).toBe(
      'every process of its session has an owner the host resolves: User Manager\\ContainerUser',
    );
  });

  it('is not observable where the owners were not collected (no elevation), saying so', () => {
    const model = new HostBuilder()
      .containers(web)
      .processes(
        hostProcess(3600, 'CExecSvc', 2),
        hostProcess(3632, 'w3wp', 2),
        hostProcess(3700, 'powershell', 2),
      )
      .build();
    const point = userPoint(model, web);
    expect(point.observable).toBe(false);
    expect(point.observed).toContain('carries no process owner');
  });

  it('names the VM worker and its owner for a Hyper-V container', () => {
    const hv = container(webSpec({ name: 'coreapp', isolation: 'hyperv', top: [3632] }));
    const model = new HostBuilder()
      .containers(hv)
      .processes(
        hostProcess(3632, 'unrelated', 1, { userName: 'CORP\\ada' }),
        hostProcess(5120, 'vmwp', 0, {
          commandLine: `"C:\\Windows\\System32\\vmwp.exe" ${GUID.toUpperCase()} 0x8b8`,
          userName: `NT VIRTUAL MACHINE\\${GUID.toUpperCase()}`,
        }),
      )
      .hcs({ id: hv.id, type: 'VM', state: 'Running', vmGuid: GUID, owner: 'docker' })
      .build();
    const point = userPoint(model, hv);
    expect(point.observed).toContain(
      `vmwp (PID 5120, session 0) runs as NT VIRTUAL MACHINE\\${GUID.toUpperCase()}`,
    );
    // The unrelated host process that shares a docker top PID is never taken for the container's.
    expect(point.observed).not.toContain('CORP');
  });
});
