// The sample hosts in resources/samples/: each is what its generator writes, a valid bundle v1, internally
// consistent across files (ids, PIDs, sessions, addresses, disks), and shows its scenario in the raw data that
// resources/samples/README.md promises. Read raw, without the project's parsers, so that a parser bug cannot hide
// a broken sample.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/core/bundle/decode';
import { PROBES } from '../../src/shared/bundle';
import { encode } from '../../resources/samples/tools/lib/bundle-writer';
import { SAMPLES } from '../../resources/samples/tools/samples/index';

const samplesDir = join(import.meta.dirname, '../../resources/samples');

type Row = Record<string, unknown>;

interface Inspect {
  Id: string;
  Name: string;
  State: { Status: string; Running: boolean; Pid: number };
  HostConfig: {
    Isolation: string;
    NetworkMode: string;
    PortBindings: Record<string, { HostIp: string; HostPort: string }[]>;
  };
  GraphDriver: { Data: { dir: string } };
  Mounts: Row[];
  Config: { Env: string[] | null; Labels: Record<string, string> };
  NetworkSettings: {
    Ports: Record<string, { HostIp: string; HostPort: string }[] | null>;
    Networks: Record<string, { IPAddress: string; NetworkID: string }>;
  };
}

interface Sample {
  readonly name: string;
  readonly files: readonly string[];
  text(path: string): string;
  json<T = Row[]>(path: string): T;
  /** A PowerShell file as a list: one result is written as an object. */
  rows(path: string): Row[];
  containers(): Inspect[];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) =>
    statSync(join(dir, e)).isDirectory() ? listFiles(join(dir, e)) : [join(dir, e)],
  );
}

function open(name: string): Sample {
  const root = join(samplesDir, name);
  const files = listFiles(root).map((f) => relative(root, f).split(sep).join('/'));
  const text = (path: string): string => decodeText(readFileSync(join(root, path))).text;
  const json = <T>(path: string): T => JSON.parse(text(path)) as T;
  const rows = (path: string): Row[] => {
    const v = json<unknown>(path);
    return Array.isArray(v) ? (v as Row[]) : [v as Row];
  };
  return { name, files, text, json, rows, containers: () => json<Inspect[]>('docker/containers.json') };
}

/** `netstat -ano` rows: [proto, local, remote-or-null, state-or-null, pid]. */
function netstat(text: string): { proto: string; local: string; state: string | null; pid: number }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/))
    .filter((t) => t[0] === 'TCP' || t[0] === 'UDP')
    .map((t) => ({
      proto: t[0]!,
      local: t[1]!,
      state: t[0] === 'TCP' ? t[3]! : null,
      pid: Number(t[t.length - 1]),
    }));
}

function port(endpoint: string): number {
  return Number(endpoint.slice(endpoint.lastIndexOf(':') + 1));
}

function hcsdiag(text: string): { id: string; type: string; guid: string }[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const out: { id: string; type: string; guid: string }[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const fields = lines[i + 1]!.split(',').map((f) => f.trim());
    out.push({ id: lines[i]!.trim(), type: fields[0]!, guid: fields[2]! });
  }
  return out;
}

function ipInSubnet(ip: string, cidr: string): boolean {
  const [net, len] = cidr.split('/') as [string, string];
  const n = (a: string): number => a.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(len));
  return Math.floor(n(ip) / size) === Math.floor(n(net) / size);
}

const byName = (s: Sample, name: string): Inspect => s.containers().find((c) => c.Name === `/${name}`)!;
const running = (s: Sample): Inspect[] => s.containers().filter((c) => c.State.Running);

describe.each(SAMPLES)('sample $NAME', (generator) => {
  const s = open(generator.NAME);

  it('is byte for byte what its generator writes, and nothing else', () => {
    const expected = new Map(generator.build().map((f) => [f.path, Buffer.from(encode(f))]));
    expect([...s.files].sort()).toEqual([...expected.keys()].sort());
    for (const [path, bytes] of expected)
      expect(readFileSync(join(samplesDir, s.name, path)).equals(bytes), path).toBe(true);
  });

  it('has a bundle v1 manifest whose probes follow the catalogue and claim every file', () => {
    const m = s.json<{
      format: string;
      version: number;
      collectedAt: string;
      collector: Row;
      host: { computerName: string };
      probes: Row[];
    }>('manifest.json');
    expect(m.format).toBe('hostscope-bundle');
    expect(m.version).toBe(1);
    expect(m.collectedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(m.probes.map((p) => p.id)).toEqual(PROBES.map((p) => p.id));
    const claimed = new Set<string>();
    for (const p of m.probes) {
      expect(['ok', 'failed', 'timeout', 'unsupported', 'skipped']).toContain(p.status);
      const files = (p.files as string[] | undefined) ?? [];
      // host.docker.config is ok without a file where the host has no daemon.json (a fact, not a gap).
      if (p.status === 'ok') {
        if (p.id !== 'host.docker.config') expect(files.length, String(p.id)).toBeGreaterThan(0);
      } else expect(typeof p.error === 'string' && files.length === 0, String(p.id)).toBe(true);
      for (const f of files) {
        expect(s.files, f).toContain(f);
        claimed.add(f);
      }
    }
    expect(s.files.filter((f) => f !== 'manifest.json' && !claimed.has(f))).toEqual([]);
    expect(m.probes.some((p) => p.status !== 'ok')).toBe(true);
    expect(s.rows('host/os.json')[0]!.ComputerName).toBe(m.host.computerName);
  });

  it('parses every file and mixes the encodings Windows writes', () => {
    const encodings = new Set(
      s.files.map((f) => decodeText(readFileSync(join(samplesDir, s.name, f))).encoding),
    );
    expect(encodings).toContain('utf-16le-bom');
    for (const f of s.files.filter((x) => x.endsWith('.json'))) expect(() => s.json(f), f).not.toThrow();
    for (const f of s.files.filter((x) => x.endsWith('netstat.txt')))
      expect(s.text(f), f).toContain('  Proto  Local Address');
  });

  it('gives every running container its top, its listeners and its compute system, and nothing more', () => {
    const ids = s.containers().map((c) => c.Id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{64}$/);
    const live = running(s)
      .map((c) => c.Id)
      .sort();
    expect(
      s.files
        .filter((f) => f.startsWith('docker/top/'))
        .map((f) => f.slice(11, 75))
        .sort(),
    ).toEqual(live);
    // Each running container has its listeners, ipconfig and hosts file (bundle 1.1), no other container any.
    expect(
      s.files
        .filter((f) => f.startsWith('containers/'))
        .map((f) => f.slice(11))
        .sort(),
    ).toEqual(live.flatMap((id) => [`${id}/hosts.txt`, `${id}/ipconfig.txt`, `${id}/netstat.txt`]).sort());
    expect(
      hcsdiag(s.text('host/hcsdiag.txt'))
        .map((h) => h.id)
        .sort(),
    ).toEqual(live);
  });

  it('places each process-isolated container in a session of its own, with the PIDs docker top shows', () => {
    const processes = s.rows('host/processes.json');
    const pids = processes.map((p) => p.Id as number);
    expect(new Set(pids).size).toBe(pids.length);
    const sessions = new Set<number>();
    for (const c of running(s).filter((x) => x.HostConfig.Isolation === 'process')) {
      const top = s.json<{ Titles: string[]; Processes: string[][] }>(`docker/top/${c.Id}.json`);
      expect(top.Titles).toEqual(['Name', 'PID', 'CPU', 'Private Working Set']);
      const rows = top.Processes.map(([name, pid]) => ({
        name: name!,
        pid: Number(pid),
        host: processes.find((p) => p.Id === Number(pid)),
      }));
      for (const r of rows)
        expect(String(r.host?.ProcessName).toLowerCase(), `${c.Name} ${r.name}`).toBe(
          r.name.replace(/\.exe$/i, '').toLowerCase(),
        );
      const session = rows.find((r) => r.name === 'CExecSvc.exe')!.host!.SI as number;
      expect(session).toBeGreaterThan(0);
      expect(sessions.has(session)).toBe(false);
      sessions.add(session);
      // The container's smss shows in session 0 (knowledge notes section 2); everything else in its session.
      for (const r of rows)
        expect(r.host!.SI, `${c.Name} ${r.name}`).toBe(r.name === 'smss.exe' ? 0 : session);
      expect(
        processes
          .filter((p) => p.SI === session)
          .map((p) => p.Id)
          .sort(),
      ).toEqual(
        rows
          .filter((r) => r.name !== 'smss.exe')
          .map((r) => r.pid)
          .sort(),
      );
      expect(rows.map((r) => r.pid)).toContain(c.State.Pid);
      for (const l of netstat(s.text(`containers/${c.Id}/netstat.txt`)))
        expect([0, 4, ...rows.map((r) => r.pid)], `${c.Name} ${l.local}`).toContain(l.pid);
    }
  });

  it('shows a Hyper-V container only as its worker process, named by the GUID hcsdiag lists', () => {
    const processes = s.rows('host/processes.json');
    const hyperv = running(s).filter((x) => x.HostConfig.Isolation === 'hyperv');
    for (const c of hyperv) {
      const system = hcsdiag(s.text('host/hcsdiag.txt')).find((h) => h.id === c.Id)!;
      expect(system.type).toBe('VM');
      const workers = processes.filter(
        (p) =>
          p.ProcessName === 'vmwp' && String(p.CommandLine).toLowerCase().includes(system.guid.toLowerCase()),
      );
      expect(workers).toHaveLength(1);
      expect(workers[0]!.SI).toBe(0);
      expect(processes.filter((p) => p.ProcessName === 'vmmem')).toHaveLength(1);
      // Its PIDs are the utility VM's: one of them is deliberately also an unrelated host PID.
      const top = s
        .json<{ Processes: string[][] }>(`docker/top/${c.Id}.json`)
        .Processes.map((r) => Number(r[1]));
      const collisions = processes.filter((p) => top.includes(p.Id as number));
      expect(collisions).toHaveLength(1);
      expect(['vmwp', 'vmmem', 'CExecSvc']).not.toContain(collisions[0]!.ProcessName);
      expect(c.State.Pid).toBe(collisions[0]!.Id);
    }
  });

  it('attaches each container to its networks with addresses inside their subnets', () => {
    const networks = s.json<
      {
        Name: string;
        Id: string;
        IPAM: { Config: { Subnet: string }[] };
        Containers: Record<string, { IPv4Address: string }>;
      }[]
    >('docker/networks.json');
    for (const c of running(s)) {
      for (const [name, e] of Object.entries(c.NetworkSettings.Networks)) {
        const n = networks.find((x) => x.Name === name)!;
        expect(e.NetworkID).toBe(n.Id);
        if (e.IPAddress === '') continue;
        expect(ipInSubnet(e.IPAddress, n.IPAM.Config[0]!.Subnet), `${c.Name} ${e.IPAddress}`).toBe(true);
        expect(n.Containers[c.Id]!.IPv4Address.split('/')[0]).toBe(e.IPAddress);
      }
    }
    const all = running(s)
      .flatMap((c) => Object.values(c.NetworkSettings.Networks).map((e) => e.IPAddress))
      .filter((ip) => ip !== '');
    expect(new Set(all).size).toBe(all.length);
  });

  it('has one sandbox disk per running process-isolated container, by Location or by Get-VHD path', () => {
    const disks = s
      .rows('host/disks.json')
      .filter((d) => d.BusType === 'File Backed Virtual' || d.BusType === 15);
    const vhds = s.files.includes('host/vhds.json') ? s.rows('host/vhds.json') : [];
    const pathOf = (d: Row): string =>
      String(d.Location ?? vhds.find((v) => v.DiskNumber === d.Number)?.Path ?? '').toLowerCase();
    const expected = running(s)
      .filter((c) => c.HostConfig.Isolation === 'process')
      .map((c) => `${c.GraphDriver.Data.dir}\\sandbox.vhdx`.toLowerCase());
    expect(disks.map(pathOf).sort()).toEqual(expected.sort());
  });

  it('names only WinNAT instances that exist, and the host sockets belong to host processes', () => {
    const nats = s.rows('host/netnat.json').map((n) => n.Name);
    for (const m of s.rows('host/netnat-static.json')) expect(nats).toContain(m.NatName);
    const pids = new Set(s.rows('host/processes.json').map((p) => p.Id as number));
    const sockets = s.files.includes('host/tcp.json')
      ? s.rows('host/tcp.json').map((r) => r.OwningProcess as number)
      : netstat(s.text('host/netstat.txt')).map((r) => r.pid);
    for (const pid of sockets) expect(pid === 0 || pids.has(pid), String(pid)).toBe(true);
  });
});

describe('server2016-swarm-portainer shows its scenario', () => {
  const s = open('server2016-swarm-portainer');
  const mappings = s.rows('host/netnat-static.json');

  it('reports the HNS module, Get-VHD and Get-VMSwitch as unsupported, and TCP connections as timed out', () => {
    const probes = s.json<{ probes: Row[] }>('manifest.json').probes;
    expect(probes.filter((p) => p.status !== 'ok').map((p) => [p.id, p.status])).toEqual([
      ['host.vhds', 'unsupported'],
      ['host.tcp', 'timeout'],
      ['host.hns.networks', 'unsupported'],
      ['host.hns.endpoints', 'unsupported'],
      ['host.vmswitches', 'unsupported'],
    ]);
  });

  it('is a 14393 swarm manager whose ingress service has no WinNAT mapping', () => {
    expect(s.rows('host/os.json')[0]).toMatchObject({
      BuildNumber: '14393',
      UBR: 2273,
      InstallationType: 'Server Core',
    });
    expect(s.json<{ Swarm: Row }>('docker/info.json').Swarm).toMatchObject({
      LocalNodeState: 'active',
      ControlAvailable: true,
    });
    const service = s.json<{ Spec: { Name: string }; Endpoint: { Ports: Row[] } }[]>(
      'docker/swarm/services.json',
    )[0]!;
    expect(service.Endpoint.Ports).toEqual([
      { Protocol: 'tcp', TargetPort: 80, PublishedPort: 80, PublishMode: 'ingress' },
    ]);
    const tasks = s
      .json<{ Status: { State: string; ContainerStatus?: { ContainerID: string } } }[]>(
        'docker/swarm/tasks.json',
      )
      .filter((t) => t.Status.State === 'running');
    expect(tasks.map((t) => t.Status.ContainerStatus!.ContainerID).sort()).toEqual(
      s
        .containers()
        .filter((c) => c.Config.Labels['com.docker.swarm.service.name'] === 'web')
        .map((c) => c.Id)
        .sort(),
    );
    expect(mappings.map((m) => m.ExternalPort)).not.toContain(80);
  });

  it('maps and allows portainer 9000 from outside, and opens the engine API on TCP without TLS', () => {
    const portainer = byName(s, 'portainer');
    expect(portainer.State.Pid).toBe(3632);
    expect(mappings.find((m) => m.ExternalPort === 9000)).toMatchObject({
      InternalIPAddress: portainer.NetworkSettings.Networks.nat!.IPAddress,
      InternalPort: 9000,
    });
    expect(s.json<{ hosts: string[] }>('host/daemon.json').hosts).toContain('tcp://0.0.0.0:2375');
    expect(s.rows('host/docker-service.json')[0]!.PathName).not.toMatch(/\s-H\b/);
  });

  it('has no allow rule for the swarm data ports, and a Hyper-V coreapp without mounts', () => {
    const allows = s
      .rows('host/firewall-rules.json')
      .filter((r) => r.Enabled === 1 && r.Direction === 1 && r.Action === 2);
    for (const p of ['7946', '4789'])
      expect(allows.filter((r) => [r.LocalPort].flat().includes(p))).toEqual([]);
    const coreapp = byName(s, 'coreapp');
    expect(coreapp.HostConfig.Isolation).toBe('hyperv');
    expect(coreapp.Mounts).toEqual([]);
  });
});

describe('server2019-broken-nat shows each of its faults in the raw data', () => {
  const s = open('server2019-broken-nat');
  const mappings = s.rows('host/netnat-static.json');
  const ip = (name: string, network: string): string =>
    byName(s, name).NetworkSettings.Networks[network]!.IPAddress;

  it('has WinNAT mappings missing (api 8080), stale (8443) and pointing at another container (shop 8081)', () => {
    expect(mappings.map((m) => m.ExternalPort)).not.toContain(8080);
    const allIps = s
      .containers()
      .flatMap((c) => Object.values(c.NetworkSettings.Networks).map((e) => e.IPAddress));
    expect(allIps).not.toContain(mappings.find((m) => m.ExternalPort === 8443)!.InternalIPAddress);
    expect(mappings.find((m) => m.ExternalPort === 8081)!.InternalIPAddress).toBe(ip('reports', 'frontend'));
    expect(mappings.find((m) => m.ExternalPort === 3000)!.InternalIPAddress).toBe(ip('legacy', 'nat'));
  });

  it('has a host node.exe on legacy 3000, and a worker listening on nothing it publishes', () => {
    // legacy runs a node.exe too (session 4): the host's is the one in the RDP session.
    const nodes = s.rows('host/processes.json').filter((p) => p.ProcessName === 'node');
    expect(nodes.map((p) => p.SI).sort()).toEqual([4, 9]);
    const node = nodes.find((p) => p.SI === 9)!;
    expect(
      s.rows('host/tcp.json').find((t) => t.LocalPort === 3000 && t.State === 'Listen')!.OwningProcess,
    ).toBe(node.Id);
    const worker = netstat(s.text(`containers/${byName(s, 'worker').Id}/netstat.txt`)).filter(
      (l) => l.state === 'LISTENING',
    );
    expect([...new Set(worker.map((l) => port(l.local)))].sort()).toEqual([135, 445]);
  });

  it('ignores local firewall rules on Domain and Public by policy, and blocks 8082 by policy', () => {
    expect(s.rows('host/firewall-profiles.json').map((p) => [p.Name, p.AllowLocalFirewallRules])).toEqual([
      ['Domain', 'False'],
      ['Private', 'NotConfigured'],
      ['Public', 'False'],
    ]);
    expect(
      s.rows('host/connection-profiles.json').find((c) => c.InterfaceAlias === 'Ethernet0')!.NetworkCategory,
    ).toBe('DomainAuthenticated');
    const rules = s.rows('host/firewall-rules.json').filter((r) => r.LocalPort === '8082');
    // The group policy block, the disabled local allow, and the allow HNS made for the internal port.
    expect(rules.map((r) => [r.Action, r.Enabled, r.PolicyStoreSourceType])).toEqual([
      ['Block', 'True', 'GroupPolicy'],
      ['Allow', 'False', 'Local'],
      ['Allow', 'True', 'Dynamic'],
    ]);
  });

  it('sets hosts in daemon.json and -H in the service, and keeps secrets in db environment names', () => {
    expect(s.rows('host/daemon.json')[0]!.hosts).toEqual(['npipe://', 'tcp://127.0.0.1:2375']);
    expect(s.rows('host/docker-service.json')[0]!.PathName).toContain(' -H npipe://');
    expect(byName(s, 'db').Config.Env).toEqual([
      'ACCEPT_EULA=<redacted>',
      'MSSQL_PID=<redacted>',
      'MSSQL_SA_PASSWORD=<redacted>',
      'API_TOKEN=<redacted>',
    ]);
  });

  it('has a container without network, a stopped one that publishes, and a pair sharing no network', () => {
    expect(byName(s, 'isolated').HostConfig.NetworkMode).toBe('none');
    const old = byName(s, 'old-api');
    expect(old.State.Status).toBe('exited');
    expect(old.HostConfig.PortBindings['80/tcp']).toEqual([{ HostIp: '', HostPort: '8088' }]);
    const nets = (n: string): string[] => Object.keys(byName(s, n).NetworkSettings.Networks);
    expect(nets('shop').filter((n) => nets('db').includes(n))).toEqual([]);
    expect(nets('api').filter((n) => nets('db').includes(n))).toEqual(['backend']);
  });

  it('writes processes.json as Windows PowerShell 5.1 does: UTF-16LE with BOM, two spaces after the colon', () => {
    const bytes = readFileSync(join(samplesDir, s.name, 'host/processes.json'));
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(s.text('host/processes.json')).toMatch(/"StartTime": {2}"\\\/Date\(\d+\)\\\/"/);
  });
});

describe('server2022-healthy has every published port mapped, and one unsupported probe', () => {
  const s = open('server2022-healthy');

  it('maps each published port to its container and keeps data in mounts', () => {
    const mappings = s.rows('host/netnat-static.json');
    for (const c of running(s)) {
      expect(c.Mounts.length, c.Name).toBeGreaterThan(0);
      for (const [key, bindings] of Object.entries(c.NetworkSettings.Ports)) {
        for (const b of bindings ?? []) {
          const m = mappings.find((x) => x.ExternalPort === Number(b.HostPort));
          expect(m, `${c.Name} ${key}`).toMatchObject({
            InternalIPAddress: c.NetworkSettings.Networks.nat!.IPAddress,
            InternalPort: Number(key.split('/')[0]),
          });
        }
      }
    }
    const probes = s.json<{ probes: Row[] }>('manifest.json').probes;
    expect(probes.find((p) => p.id === 'host.hns.endpoints')).toMatchObject({
      status: 'unsupported',
      error: 'Get-HnsEndpoint is not available: the HNS module is not installed',
    });
  });
});

/** The TCP/IPv4 exclusion ranges of host/excludedports.txt: numbers of the section's rows, words ignored. */
function excludedTcp4(text: string): { start: number; end: number; administered: boolean }[] {
  const section = text
    .split('### ')
    .find((s) => s.startsWith('netsh int ipv4 show excludedportrange protocol=tcp'))!;
  return section
    .split(/\r?\n/)
    .map((l) => /^\s*(\d+)\s+(\d+)(\s+\*)?\s*$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ start: Number(m[1]), end: Number(m[2]), administered: m[3] !== undefined }));
}

type HnsEndpoint = {
  IPAddress: string;
  VirtualNetworkName: string;
  Policies: Row[];
  SharedContainers: string[];
};

describe.each(SAMPLES)('sample $NAME carries the bundle 1.1 host state', (generator) => {
  const s = open(generator.NAME);

  it('lists the five netsh commands, and no published or engine port is reserved unless the README says so', () => {
    const text = s.text('host/excludedports.txt');
    expect(text.split(/\r?\n/).filter((l) => l.startsWith('### '))).toEqual([
      '### netsh int ipv4 show excludedportrange protocol=tcp',
      '### netsh int ipv4 show excludedportrange protocol=udp',
      '### netsh int ipv6 show excludedportrange protocol=tcp',
      '### netsh int ipv4 show dynamicport tcp',
      '### netsh int ipv4 show dynamicport udp',
    ]);
    const ranges = excludedTcp4(text);
    expect(ranges.length).toBeGreaterThan(0);
    const reserved = s
      .containers()
      .flatMap((c) => Object.values(c.HostConfig.PortBindings).flat())
      .map((b) => Number(b.HostPort))
      .concat([2375, 2376, 2377, 7946])
      .filter((port) => ranges.some((r) => port >= r.start && port <= r.end));
    expect(reserved).toEqual(generator.NAME === 'server2022-hns-trouble' ? [50051] : []);
  });

  it('scopes the HNS DNS rules to the vEthernet of their network and every other rule to Any', () => {
    const rules = s.rows('host/firewall-rules.json');
    for (const r of rules) {
      const scoped =
        String(r.Name).startsWith('HNS Container Networking - DNS') || String(r.Name).includes('ICS DNS');
      if (scoped) expect(r.InterfaceAlias, String(r.Name)).toEqual([expect.stringMatching(/^vEthernet \(/)]);
      else expect(r.InterfaceAlias, String(r.Name)).toBe('Any');
    }
  });

  it('routes each nat network on its own vEthernet and names the interface of every route', () => {
    const routes = s.rows('host/routes.json');
    const aliases = new Set(s.rows('host/ip-interfaces.json').map((i) => i.InterfaceAlias));
    for (const r of routes) expect(aliases, String(r.DestinationPrefix)).toContain(r.InterfaceAlias);
    const networks =
      s.json<{ Driver: string; IPAM: { Config: { Subnet: string }[] } }[]>('docker/networks.json');
    for (const n of networks.filter((x) => x.Driver === 'nat')) {
      const own = routes.find((r) => r.DestinationPrefix === n.IPAM.Config[0]!.Subnet);
      expect(String(own?.InterfaceAlias), n.IPAM.Config[0]!.Subnet).toMatch(/^vEthernet \(/);
    }
    expect(routes.filter((r) => r.DestinationPrefix === '0.0.0.0/0')).toHaveLength(1);
  });

  it('gives each running container the DNS servers of the host and a hosts file without host.docker.internal', () => {
    const hostDns = s.rows('host/dns-servers.json').flatMap((d) => d.ServerAddresses as string[]);
    for (const c of running(s)) {
      const ipconfig = s.text(`containers/${c.Id}/ipconfig.txt`);
      expect(ipconfig, c.Name).toContain(`Host Name . . . . . . . . . . . . : ${c.Id.slice(0, 12)}`);
      for (const ip of Object.values(c.NetworkSettings.Networks)
        .map((e) => e.IPAddress)
        .filter((x) => x !== ''))
        expect(ipconfig, c.Name).toContain(`${ip}(Preferred)`);
      const dns = /DNS Servers[ .]*: (\S+)/.exec(ipconfig)?.[1];
      if (dns !== undefined) expect(hostDns, c.Name).toContain(dns);
      expect(s.text(`containers/${c.Id}/hosts.txt`)).not.toContain('host.docker.internal');
    }
  });
});

describe('server2022-hns-nat publishes through HNS policies while WinNAT is empty', () => {
  const s = open('server2022-hns-nat');

  it('has no WinNAT object, and a NAT policy on the endpoint of every published port', () => {
    expect(s.rows('host/netnat.json')).toEqual([]);
    expect(s.rows('host/netnat-static.json')).toEqual([]);
    const endpoints = s.json<HnsEndpoint[]>('host/hns-endpoints.json');
    for (const c of running(s)) {
      const ip = c.NetworkSettings.Networks.nat!.IPAddress;
      const endpoint = endpoints.find((e) => e.IPAddress === ip)!;
      expect(endpoint.SharedContainers, c.Name).toEqual([c.Id]);
      const published = Object.entries(c.NetworkSettings.Ports).flatMap(([key, b]) =>
        (b ?? []).map((x) => [Number(x.HostPort), Number(key.split('/')[0]), key.split('/')[1]]),
      );
      expect(
        endpoint.Policies.filter((p) => p.Type === 'NAT').map((p) => [
          p.ExternalPort,
          p.InternalPort,
          p.Protocol,
        ]),
        c.Name,
      ).toEqual(published);
    }
    expect(endpoints).toHaveLength(running(s).length);
  });

  it('reserves 8081 next to catalog 8080, and writes Windows PowerShell 5.1 JSON with enum names', () => {
    expect(excludedTcp4(s.text('host/excludedports.txt'))[0]).toEqual({
      start: 8081,
      end: 8081,
      administered: true,
    });
    expect(s.text('host/routes.json')).toContain('"AddressFamily":  "IPv4"');
    expect(s.rows('host/vmswitches.json')).toEqual([
      expect.objectContaining({ Name: 'nat', SwitchType: 'Internal' }),
    ]);
  });
});

describe('server2022-hns-trouble shows each new fault in the raw data', () => {
  const s = open('server2022-hns-trouble');
  const events = s.rows('host/events.json');

  it('cannot start grpc: 50051 is reserved, and HNS said the port exists', () => {
    const grpc = byName(s, 'grpc');
    expect(grpc.State).toMatchObject({ Status: 'exited', Running: false });
    expect(grpc.HostConfig.PortBindings['50051/tcp']).toEqual([{ HostIp: '', HostPort: '50051' }]);
    expect(excludedTcp4(s.text('host/excludedports.txt'))).toContainEqual({
      start: 49985,
      end: 50084,
      administered: false,
    });
    expect(
      events.filter(
        (e) => e.Level === 2 && String(e.Message).includes('0x803b0013') && e.ProviderName !== 'docker',
      ),
    ).toHaveLength(3);
  });

  it('never starts admin: its binding names the host IP 127.0.0.1', () => {
    const admin = byName(s, 'admin');
    expect(admin.State.Status).toBe('created');
    expect(admin.HostConfig.PortBindings['9000/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: '9000' }]);
  });

  it('keeps an HNS endpoint, with a port policy, for an address no container holds', () => {
    const held = s
      .containers()
      .flatMap((c) => Object.values(c.NetworkSettings.Networks).map((e) => e.IPAddress));
    const orphans = s
      .json<HnsEndpoint[]>('host/hns-endpoints.json')
      .filter((e) => !held.includes(e.IPAddress));
    expect(orphans.map((e) => [e.IPAddress, e.Policies.map((p) => p.ExternalPort)])).toEqual([
      ['172.21.144.9', [8443]],
    ]);
  });

  it('shows hns crashing twice (7031) and running again in a process started after the last crash', () => {
    const crashes = events.filter(
      (e) => e.Id === 7031 && String(e.Message).startsWith('The Host Network Service'),
    );
    expect(crashes).toHaveLength(2);
    const hns = s.rows('host/services.json').find((x) => x.Name === 'hns')!;
    expect(hns.State).toBe('Running');
    const process = s.rows('host/processes.json').find((x) => x.Id === hns.ProcessId)!;
    const started = Number(/\d+/.exec(String(process.StartTime))![0]);
    expect(started).toBeGreaterThan(Math.max(...crashes.map((e) => Date.parse(String(e.TimeCreated)))));
  });

  it('has a connected adapter holding only 169.254, and a VPN route over the ci network', () => {
    const v4 = s
      .rows('host/ip-addresses.json')
      .filter((a) => a.InterfaceAlias === 'Ethernet 2' && a.AddressFamily === 'IPv4');
    expect(v4.map((a) => a.IPAddress)).toEqual(['169.254.18.77']);
    expect(s.rows('host/adapters.json').find((a) => a.Name === 'Ethernet 2')!.Status).toBe('Up');
    const vpn = s.rows('host/routes.json').find((r) => r.DestinationPrefix === '172.18.0.0/16')!;
    expect(vpn.InterfaceAlias).toBe('Ethernet 3');
    expect(ipInSubnet('172.18.32.0', '172.18.0.0/16')).toBe(true);
    const mtu = s.rows('host/ip-interfaces.json').filter((i) => i.AddressFamily === 'IPv4');
    expect(mtu.find((i) => i.InterfaceAlias === 'Ethernet 3')!.NlMtu).toBe(1400);
    expect(mtu.find((i) => i.InterfaceAlias === 'Ethernet')!.NlMtu).toBe(1500);
  });
});
