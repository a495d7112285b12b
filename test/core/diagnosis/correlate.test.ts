// Correlation: sessions, host processes, sandbox disks, utility VMs, and lookups of containers by reference.
import { describe, expect, it } from 'vitest';
import {
  closeNames,
  correlate,
  findContainer,
  inspect,
  utilityVmMemoryBytes,
} from '../../../src/core/diagnosis';
import { container, disk, hostProcess, HostBuilder } from './model-builder';
import { healthy, webSpec } from './scenario';

const GUID = '3f20fb44-3e6d-45c1-a4b7-ef27eca11900';

describe('process isolation footprint', () => {
  it('finds the session from the PIDs of docker top, ignoring the container smss in session 0', () => {
    const { b, web } = healthy({ web: { top: [3632, 3700, 612] } });
    const fp = correlate(b.build()).footprints.get(web.id)!;
    expect(fp.session).toMatchObject({ kind: 'found', value: { sessionId: 2, matchedPids: [3632, 3700] } });
    if (fp.session.kind === 'found') expect(fp.session.value.marker?.name).toBe('CExecSvc');
    expect(fp.hostProcesses.map((p) => p.pid).sort()).toEqual([3600, 3632, 3700]);
  });
  it('says why when no PID of docker top is a host process, or top was not collected', () => {
    expect(
      correlate(healthy({ web: { top: [9991] } }).b.build())
        .footprints.values()
        .next().value!.session,
    ).toMatchObject({ kind: 'absent' });
    const { b, web } = healthy({ web: { top: 'unknown' } });
    expect(correlate(b.build()).footprints.get(web.id)!.session).toMatchObject({
      kind: 'unknown',
      reason: expect.stringContaining('docker.top'),
    });
    const noProcesses = healthy();
    expect(
      correlate(noProcesses.b.without('processes').build()).footprints.get(noProcesses.web.id)!.session,
    ).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('host.processes') });
  });
  it('finds the sandbox disk by Location under the graph driver dir, whatever the docker root and case', () => {
    const { b, web } = healthy({ web: { graphDriverDir: 'D:\\docker\\windowsfilter\\ABC' } });
    b.disks(
      disk(0, null, { busType: 'NVMe' }),
      disk(3, 'd:\\DOCKER\\windowsfilter\\abc\\sandbox.vhdx'),
      disk(4, 'D:\\docker\\windowsfilter\\abcd\\sandbox.vhdx'),
    );
    const fp = correlate(b.build()).footprints.get(web.id)!;
    expect(fp.sandboxDisk).toMatchObject({ kind: 'found', value: { disk: { number: 3 }, via: 'location' } });
  });
  it('falls back to Get-VHD paths by disk number where Location is empty', () => {
    const { b, web } = healthy();
    b.disks(disk(5, null)).vhds({
      diskNumber: 5,
      path: `C:\\ProgramData\\docker\\windowsfilter\\${web.id}\\sandbox.vhdx`,
      vhdType: 'Differencing',
      attached: true,
    });
    const model = b.build();
    expect(correlate(model).footprints.get(web.id)!.sandboxDisk).toMatchObject({
      kind: 'found',
      value: { disk: { number: 5 }, via: 'vhd' },
    });
    expect(inspect(model, web).sandboxDisk).toEqual({
      number: 5,
      location: `C:\\ProgramData\\docker\\windowsfilter\\${web.id}\\sandbox.vhdx`,
    });
  });
  it('is unknown with the reason where neither Location nor host/vhds.json tells', () => {
    const { b, web } = healthy();
    const model = b.disks(disk(5, null)).without('vhds').build();
    const result = inspect(model, web);
    expect(result.sandboxDisk).toBeNull();
    expect(result.notes.join('\n')).toMatch(/sandbox disk: 1 virtual disks have no Location .*host\.vhds/);
    expect(inspect(healthy().b.without('disks').build(), healthy().web).notes.join('\n')).toContain(
      'host/disks.json not collected',
    );
  });
});

describe('Hyper-V isolation footprint', () => {
  function hyperv(extra: { commandLine?: string | null; hcs?: boolean } = {}) {
    const hv = container({ ...webSpec({ name: 'coreapp', isolation: 'hyperv', top: [3632, 4] }) });
    const b = new HostBuilder().containers(hv).processes(
      hostProcess(4, 'System', 0),
      hostProcess(3632, 'unrelated', 1),
      hostProcess(5120, 'vmwp', 0, {
        commandLine:
          extra.commandLine === undefined
            ? `"C:\\Windows\\System32\\vmwp.exe" ${GUID.toUpperCase()} 0x8b8`
            : extra.commandLine,
      }),
      hostProcess(5200, 'vmmem', 0, { workingSet: 900 * 1024 * 1024 }),
    );
    if (extra.hcs !== false)
      b.hcs({ id: hv.id, type: 'VM', state: 'Running', vmGuid: GUID, owner: 'docker' });
    return { model: b.build(), hv };
  }
  it('never takes docker top PIDs as host PIDs, and finds vmwp through hcsdiag and the command line', () => {
    const { model, hv } = hyperv();
    const result = inspect(model, hv);
    expect(result).toMatchObject({
      isolation: 'hyperv',
      sessionId: null,
      hostProcesses: [],
      sandboxDisk: null,
      utilityVm: { pid: 5120, memoryPid: 5200 },
    });
    expect(result.notes.join('\n')).toContain('unconfirmed');
  });
  it('is unknown when no command line was collected, and absent when none names the VM', () => {
    expect(
      inspect(hyperv({ commandLine: null }).model, hyperv({ commandLine: null }).hv).notes.join('\n'),
    ).toContain('CommandLine not collected');
    const other = hyperv({ commandLine: 'vmwp.exe 11111111-2222-3333-4444-555555555555' });
    expect(inspect(other.model, other.hv).utilityVm).toBeNull();
  });
  it('falls back to a command line holding the container id where hcsdiag lists nothing', () => {
    const probe = hyperv({ hcs: false });
    expect(inspect(probe.model, probe.hv).utilityVm).toBeNull();
    const withId = hyperv({ hcs: false });
    const model = {
      ...withId.model,
      processes: {
        ...withId.model.processes,
        value: [hostProcess(5121, 'vmwp', 0, { commandLine: `vmwp.exe ${withId.hv.id}` })],
      },
    } as typeof withId.model;
    expect(inspect(model, withId.hv).utilityVm).toEqual({ pid: 5121, memoryPid: null });
  });
  it('pairs each utility VM with its own vmmem, by parent PID or by the VM GUID', () => {
    const other = '7a1c0f3e-9b2d-4c5e-8f60-1a2b3c4d5e6f';
    const one = container({ name: 'one', isolation: 'hyperv', top: [] });
    const two = container({ name: 'two', isolation: 'hyperv', top: [] });
    const model = new HostBuilder()
      .containers(one, two)
      .processes(
        hostProcess(6001, 'vmmem', 0, { commandLine: `vmmem ${other.toUpperCase()}` }),
        hostProcess(6000, 'vmmem', 0, { parentPid: 5100 }),
        hostProcess(5100, 'vmwp', 0, { commandLine: `vmwp.exe ${GUID}` }),
        hostProcess(5200, 'vmwp', 0, { commandLine: `vmwp.exe ${other}` }),
      )
      .hcs(
        { id: one.id, type: 'VM', state: 'Running', vmGuid: GUID, owner: 'docker' },
        { id: two.id, type: 'VM', state: 'Running', vmGuid: other, owner: 'docker' },
      )
      .build();
    expect(inspect(model, one).utilityVm).toEqual({ pid: 5100, memoryPid: 6000 });
    expect(inspect(model, two).utilityVm).toEqual({ pid: 5200, memoryPid: 6001 });
  });
  it('sizes the utility VM as limit + 256 MB rounded up to 512 MB, 1 GB by default', () => {
    const MB = 1024 * 1024;
    expect(utilityVmMemoryBytes(null)).toBe(1024 * MB);
    expect(utilityVmMemoryBytes(512 * MB)).toBe(1024 * MB);
    expect(utilityVmMemoryBytes(2048 * MB)).toBe(2560 * MB);
    expect(utilityVmMemoryBytes(1 * MB)).toBe(512 * MB);
  });
});

describe('isolation from HostConfig, falling back to the engine default', () => {
  it('uses the engine default for "default" and empty, and says so when it is unknown', () => {
    for (const requested of ['default', '', null]) {
      const { b, web } = healthy({ web: { isolation: requested } });
      expect(
        correlate(b.engine({ defaultIsolation: 'hyperv' }).build()).footprints.get(web.id)!.isolation,
      ).toMatchObject({ value: 'hyperv', from: 'engine-default' });
    }
    const { b, web } = healthy({ web: { isolation: 'default' } });
    const result = inspect(b.without('engine').build(), web);
    expect(result.isolation).toBeNull();
    expect(result.notes[0]).toContain('docker.info');
  });
  it('takes HostConfig.Isolation in any case', () => {
    const { b, web } = healthy({ web: { isolation: 'HyperV' } });
    expect(correlate(b.build()).footprints.get(web.id)!.isolation.value).toBe('hyperv');
  });
});

describe('findContainer', () => {
  const a = container({ name: 'portainer', id: 'a1b2'.padEnd(64, '0') });
  const b = container({ name: 'portal', id: 'a1c3'.padEnd(64, '1') });
  const model = new HostBuilder().containers(a, b).build();
  it('finds by full id, name (with or without slash, any case when unique) and unique id prefix', () => {
    expect(findContainer(model, a.id)).toEqual({ kind: 'found', container: a });
    expect(findContainer(model, '/portainer')).toEqual({ kind: 'found', container: a });
    expect(findContainer(model, 'PORTAL')).toEqual({ kind: 'found', container: b });
    expect(findContainer(model, 'a1b')).toEqual({ kind: 'found', container: a });
  });
  it('reports an ambiguous prefix with its candidates', () => {
    expect(findContainer(model, 'a1')).toEqual({ kind: 'ambiguous', candidates: [a, b] });
  });
  it('suggests close names for a typo', () => {
    expect(findContainer(model, 'portaner')).toEqual({ kind: 'not-found', suggestions: ['portainer'] });
    expect(findContainer(model, 'porta')).toEqual({
      kind: 'not-found',
      suggestions: ['portainer', 'portal'],
    });
    expect(closeNames([a, b], 'zzzzzz')).toEqual([]);
  });
  it('says why when containers were not collected', () => {
    expect(findContainer(new HostBuilder().without('containers').build(), 'x')).toMatchObject({
      kind: 'not-found',
      reason: expect.stringContaining('containers.json'),
    });
  });
});
