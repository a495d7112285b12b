// `hostscope inspect` for a person: what the container is on the host, section by section.
import type { InspectResult } from '../../shared/diagnosis';
import { hostPortText } from '../../core/diagnosis';
import { safeText, type Style } from './style';
import { table, type Column } from './table';
import { wrap } from './wrap';

const MAX_PROCESSES = 12;

type HnsEndpointRow = InspectResult['hnsEndpoints'][number];
/** One NAT policy of an endpoint, or the endpoint alone where its policies were not collected. */
interface PolicyRow {
  readonly e: HnsEndpointRow;
  readonly policy: NonNullable<HnsEndpointRow['natPolicies']>[number] | null;
}

function section(out: string[], title: string, style: Style): void {
  out.push('', style.bold(title));
}

/** A titled section holding a table indented by two spaces, or `none`. */
function tableSection<R>(
  out: string[],
  title: string,
  rows: readonly R[],
  columns: readonly Column<R>[],
  style: Style,
  width: number,
): void {
  section(out, title, style);
  out.push(rows.length === 0 ? '  none' : table(rows, columns, style, width - 2).replace(/^/gm, '  '));
}

export function formatInspect(r: InspectResult, style: Style, width = 100): string {
  const out: string[] = [];
  const indent = (text: string): string[] => wrap(text, width, '  ', '    ');
  out.push(...wrap(`${r.name}  ${r.image}`, width).map((l, i) => (i === 0 ? style.bold(l) : l)));
  // Painted lines skip the final clean-up below, so host text in them is cleaned first.
  out.push(style.dim(safeText(`  ${r.id}`)));
  out.push(...indent(`state ${r.state}, isolation ${r.isolation ?? 'unknown'}`));

  section(out, 'On the host', style);
  if (r.isolation === 'hyperv') {
    out.push(
      ...indent(
        r.utilityVm
          ? `utility VM: vmwp.exe PID ${r.utilityVm.pid}${r.utilityVm.memoryPid === null ? '' : `, vmmem PID ${r.utilityVm.memoryPid}`}`
          : 'utility VM: not identified',
      ),
    );
    out.push(...indent('no host session, no host processes, no host disk (Hyper-V isolation)'));
  } else {
    out.push(...indent(`session: ${r.sessionId ?? 'unknown'}`));
    out.push(
      ...indent(
        r.sandboxDisk
          ? `sandbox disk: ${r.sandboxDisk.number} at ${r.sandboxDisk.location}`
          : 'sandbox disk: unknown',
      ),
    );
    if (r.hostProcesses.length > 0) {
      const shown = r.hostProcesses.slice(0, MAX_PROCESSES).map((p) => `${p.name} ${p.pid}`);
      out.push(
        ...indent(
          `processes (${r.hostProcesses.length}): ${shown.join(', ')}${r.hostProcesses.length > MAX_PROCESSES ? ', ...' : ''}`,
        ),
      );
    }
  }

  tableSection(
    out,
    'Networks',
    r.networks,
    [
      { header: 'NAME', value: (n) => n.name },
      { header: 'DRIVER', value: (n) => n.driver ?? '?' },
      { header: 'ADDRESS', value: (n) => n.ip ?? '-' },
    ],
    style,
    width,
  );

  tableSection(
    out,
    'Published ports',
    r.publishedPorts,
    [
      { header: 'HOST', value: (p) => `${p.hostIp ?? '*'}:${p.hostPort === null ? '-' : hostPortText(p)}` },
      { header: 'CONTAINER', value: (p) => `${p.containerPort}/${p.protocol}` },
      { header: 'MODE', value: (p) => p.mode },
    ],
    style,
    width,
  );

  tableSection(
    out,
    'WinNAT static mappings',
    r.natMappings,
    [
      { header: 'NAT', value: (m) => m.natName, min: 12 },
      { header: 'EXTERNAL', value: (m) => `${m.externalPort}/${m.protocol}` },
      { header: 'INTERNAL', value: (m) => `${m.internalIp}:${m.internalPort}` },
    ],
    style,
    width,
  );
  if (r.natSessions && r.natSessions.length > 0)
    out.push(
      ...indent(
        `${r.natSessions.length} NAT sessions, e.g. ${r.natSessions[0]!.externalSource ?? '?'} -> ${r.natSessions[0]!.internalDestination ?? '?'}`,
      ),
    );

  // Bundle 1.1: the ports HNS publishes for it (its endpoints' NAT policies), to compare with Docker's above.
  const policyRows = r.hnsEndpoints.flatMap((e): PolicyRow[] =>
    e.natPolicies === null ? [{ e, policy: null }] : e.natPolicies.map((policy) => ({ e, policy })),
  );
  tableSection<PolicyRow>(
    out,
    'HNS endpoint NAT policies',
    policyRows,
    [
      {
        header: 'NETWORK',
        value: (row) => `${row.e.network}${row.e.vSwitch ? ` (vSwitch ${row.e.vSwitch.name})` : ''}`,
      },
      { header: 'ENDPOINT', value: (row) => row.e.id },
      {
        header: 'EXTERNAL',
        value: (row) =>
          row.policy ? `${row.policy.externalPort}/${row.policy.protocol}` : 'policies not collected',
      },
      {
        header: 'INTERNAL',
        value: (row) => (row.policy ? `${row.e.ipAddress ?? '?'}:${row.policy.internalPort}` : '-'),
      },
      {
        header: 'RESERVED',
        value: (row) => (row.policy?.reserved === true ? 'yes' : row.policy?.reserved === false ? 'no' : '-'),
      },
    ],
    style,
    width,
  );

  section(out, 'Name resolution inside', style);
  out.push(
    ...indent(`DNS servers: ${r.dnsServers === null ? 'unknown' : r.dnsServers.join(', ') || 'none'}`),
  );
  out.push(
    ...indent(
      `hosts file: ${
        r.hostsFile === null
          ? 'unknown'
          : r.hostsFile.length === 0
            ? 'no entries'
            : r.hostsFile.map((h) => `${h.address} ${h.names.join(' ')}`).join('; ')
      }`,
    ),
  );

  tableSection(
    out,
    'Firewall rules naming its ports',
    r.firewallRules,
    [
      { header: 'RULE', value: (f) => f.displayName ?? f.name, min: 20 },
      {
        header: 'ACTION',
        value: (f) => f.action,
        paint: (f, s) => (f.action === 'block' ? s.red : s.green),
      },
      { header: 'PORT', value: (f) => f.localPort },
      { header: 'ENABLED', value: (f) => (f.enabled === false ? 'no' : 'yes') },
    ],
    style,
    width,
  );

  section(out, 'Mounts', style);
  if (r.mounts.length === 0) out.push('  none: what it writes dies with it');
  for (const m of r.mounts) out.push(...indent(`${m.type} ${m.source ?? '(anonymous)'} -> ${m.destination}`));

  if (r.notes.length > 0) {
    section(out, 'Notes', style);
    for (const n of r.notes) out.push(...wrap(n, width, '  - ', '    ').map(style.yellow));
  }
  return `${out.map((l) => (l.includes('\u001b') ? l : safeText(l))).join('\n')}\n`;
}
