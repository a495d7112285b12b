// The host's own state compared between two bundles: networks, NAT mappings, HNS endpoints and their policies,
// firewall rules and profiles, port exclusions, services, build/UBR, last boot and hotfixes (spec section 6).

import type { Change, NotCompared } from '../../shared/diff';
import type {
  DockerNetwork,
  ExcludedPortRange,
  FirewallProfile,
  FirewallRule,
  HnsEndpoint,
  HnsNetwork,
  HnsPolicy,
  HostInfo,
  HostModel,
  HostService,
  Hotfix,
  Known,
  NatStaticMapping,
} from '../../shared/model';
import { formatPorts } from '../diagnosis/firewall';
import { compareList, fieldChanges, setText, unknownReason, type Compared, type ListSpec } from './keyed';

const text = (value: string | number | boolean | null): string | null =>
  value === null ? null : String(value);

const NETWORKS: ListSpec<DockerNetwork> = {
  area: 'network',
  // By name: a network removed and created again under its name gets a new id, which is then a change of it.
  key: (n) => n.name,
  label: (n) => `network ${n.name}`,
  describe: (n) =>
    `network ${n.name} (${n.driver}${n.subnets.length > 0 ? `, ${n.subnets.join(', ')}` : ''})`,
  fields: [
    { name: 'id', value: (n) => n.id },
    { name: 'driver', value: (n) => n.driver },
    { name: 'subnets', value: (n) => setText(n.subnets) },
    { name: 'gateways', value: (n) => setText(n.gateways) },
  ],
};

const HNS_NETWORKS: ListSpec<HnsNetwork> = {
  area: 'hns-network',
  key: (n) => n.name ?? n.id,
  label: (n) => `HNS network ${n.name ?? n.id}`,
  describe: (n) =>
    `HNS network ${n.name ?? n.id} (${n.type ?? 'type unknown'}, ${setText(n.subnets) ?? 'no subnet'})`,
  fields: [
    { name: 'id', value: (n) => n.id },
    { name: 'type', value: (n) => n.type },
    { name: 'subnets', value: (n) => setText(n.subnets) },
    { name: 'NAT instance', value: (n) => n.natName },
    // Health.LastErrorCode points at HNS state trouble (failure catalogue #3).
    { name: 'last error code', value: (n) => text(n.lastErrorCode) },
  ],
};

const mappingText = (m: NatStaticMapping): string =>
  `${m.protocol} ${m.externalIp ?? '*'}:${m.externalPort} -> ${m.internalIp}:${m.internalPort}`;

const NAT_MAPPINGS: ListSpec<NatStaticMapping> = {
  area: 'nat-mapping',
  // The whole mapping is its identity: a mapping to another address is a different mapping (a stale one stays).
  key: (m) => `${m.natName} ${mappingText(m)}`,
  label: (m) => `NAT mapping ${mappingText(m)}`,
  describe: (m) => `${m.natName}: ${mappingText(m)}${m.active === false ? ' (inactive)' : ''}`,
  fields: [{ name: 'active', value: (m) => text(m.active) }],
};

function policyText(p: HnsPolicy): string {
  return p.kind === 'nat'
    ? `NAT ${p.protocol} ${p.externalPort} -> ${p.internalPort}${p.reserved === true ? ' (reserved)' : ''}`
    : p.type;
}

const HNS_ENDPOINTS: ListSpec<HnsEndpoint> = {
  area: 'hns-endpoint',
  // HNS gives a container a new endpoint (a new id) whenever it is attached again.
  key: (e) => e.id,
  label: (e) => `HNS endpoint ${e.name ?? e.id}${e.ipAddress ? ` (${e.ipAddress})` : ''}`,
  describe: (e) =>
    `HNS endpoint ${e.name ?? e.id} ${e.ipAddress ?? 'no address'} on ${e.virtualNetworkName ?? e.virtualNetworkId ?? 'an unnamed network'}` +
    (e.policies === null ? '' : `; policies: ${setText(e.policies.map(policyText)) ?? 'none'}`),
  fields: [
    { name: 'address', value: (e) => e.ipAddress },
    { name: 'network', value: (e) => e.virtualNetworkName ?? e.virtualNetworkId },
    { name: 'containers', value: (e) => setText(e.sharedContainers) },
    {
      name: 'policies',
      value: (e) => (e.policies === null ? null : (setText(e.policies.map(policyText)) ?? 'none')),
    },
  ],
};

const ruleLabel = (r: FirewallRule): string => `firewall rule ${JSON.stringify(r.displayName ?? r.name)}`;

const FIREWALL_RULES: ListSpec<FirewallRule> = {
  area: 'firewall-rule',
  key: (r) => r.name,
  label: ruleLabel,
  describe: (r) =>
    `${ruleLabel(r)}: ${r.enabled ? 'enabled' : 'disabled'} ${r.direction} ${r.action} ${r.protocol} ${formatPorts(r)}`,
  fields: [
    { name: 'enabled', value: (r) => text(r.enabled) },
    { name: 'direction', value: (r) => r.direction },
    { name: 'action', value: (r) => r.action },
    { name: 'profiles', value: (r) => setText(r.profiles) },
    { name: 'protocol', value: (r) => r.protocol },
    { name: 'local ports', value: formatPorts },
    { name: 'remote addresses', value: (r) => setText(r.remoteAddresses) },
    { name: 'local addresses', value: (r) => setText(r.localAddresses) },
    { name: 'program', value: (r) => r.program },
    { name: 'interfaces', value: (r) => (r.interfaceAliases === null ? null : setText(r.interfaceAliases)) },
  ],
};

const FIREWALL_PROFILES: ListSpec<FirewallProfile> = {
  area: 'firewall-profile',
  key: (p) => p.name,
  label: (p) => `firewall profile ${p.name}`,
  describe: (p) => `firewall profile ${p.name}: ${p.enabled === false ? 'off' : 'on'}`,
  fields: [
    { name: 'enabled', value: (p) => text(p.enabled) },
    // Null is NotConfigured: Windows then blocks inbound and applies local rules (knowledge notes section 4).
    { name: 'default inbound', value: (p) => p.defaultInboundAction ?? 'not configured' },
    { name: 'default outbound', value: (p) => p.defaultOutboundAction ?? 'not configured' },
    { name: 'local rules applied', value: (p) => text(p.allowLocalFirewallRules) ?? 'not configured' },
  ],
};

const rangeText = (r: ExcludedPortRange): string =>
  `${r.family} ${r.protocol} ${r.start}-${r.end}${r.administered ? ' *' : ''}`;

const PORT_EXCLUSIONS: ListSpec<ExcludedPortRange> = {
  area: 'port-exclusion',
  key: rangeText,
  label: (r) => `excluded port range ${rangeText(r)}`,
  describe: (r) => `excluded ${rangeText(r)}${r.administered ? ' (administered)' : ''}`,
  fields: [],
};

const SERVICES: ListSpec<HostService> = {
  area: 'service',
  key: (s) => s.name.toLowerCase(),
  label: (s) => `service ${s.name}`,
  describe: (s) => `service ${s.name}: ${s.state ?? 'state unknown'}, ${s.startMode ?? 'start mode unknown'}`,
  fields: [
    { name: 'state', value: (s) => s.state },
    { name: 'start mode', value: (s) => s.startMode },
    { name: 'exit code', value: (s) => text(s.exitCode) },
  ],
};

const HOTFIXES: ListSpec<Hotfix> = {
  area: 'hotfix',
  key: (h) => h.id.toUpperCase(),
  label: (h) => `update ${h.id}`,
  describe: (h) => `${h.id}${h.installedOn ? ` installed ${h.installedOn}` : ''}`,
  fields: [],
};

/** Build and UBR (an update), last boot (a restart) and the edition of the host itself. */
function compareHost(older: HostModel, newer: HostModel): Compared {
  const reason = unknownReason(older.host, newer.host);
  if (reason !== null || older.host.kind !== 'known' || newer.host.kind !== 'known')
    return { changes: [], notCompared: [{ area: 'host', reason: reason ?? '' }] };
  const before = { entry: older.host.value, source: older.host.source };
  const after = { entry: newer.host.value, source: newer.host.source };
  const common = { area: 'host', subject: 'host', label: 'host' } as const;
  const buildText = (h: HostInfo): string | null =>
    h.build === null ? null : `${h.build}${h.ubr === null ? '' : `.${h.ubr}`}`;
  return {
    changes: [
      ...fieldChanges(
        { ...common, kind: 'host-updated', fields: [{ name: 'build', value: buildText }] },
        before,
        after,
      ),
      // A host whose bundles carry no boot time cannot show a restart: that stays silent, not "no restart".
      ...(before.entry.lastBootUpTime !== null && after.entry.lastBootUpTime !== null
        ? fieldChanges(
            {
              ...common,
              kind: 'host-restarted',
              fields: [{ name: 'last boot', value: (h) => h.lastBootUpTime }],
            },
            before,
            after,
          )
        : []),
      ...fieldChanges(
        {
          ...common,
          kind: 'host-changed',
          fields: [
            { name: 'edition', value: (h) => h.caption },
            { name: 'installation type', value: (h) => h.installationType },
          ],
        },
        before,
        after,
      ),
    ],
    notCompared: [],
  };
}

function excludedRanges(model: HostModel): Known<readonly ExcludedPortRange[]> {
  const part = model.portExclusions;
  return part.kind === 'known' ? { ...part, value: part.value.ranges } : part;
}

/** Every host part of section 6 but the containers. */
export function compareHostParts(older: HostModel, newer: HostModel): Compared {
  const parts: Compared[] = [
    compareHost(older, newer),
    compareList(HOTFIXES, older.hotfixes, newer.hotfixes),
    compareList(NETWORKS, older.networks, newer.networks),
    compareList(HNS_NETWORKS, older.hnsNetworks, newer.hnsNetworks),
    compareList(NAT_MAPPINGS, older.natMappings, newer.natMappings),
    compareList(HNS_ENDPOINTS, older.hnsEndpoints, newer.hnsEndpoints),
    compareList(FIREWALL_PROFILES, older.firewallProfiles, newer.firewallProfiles),
    compareList(FIREWALL_RULES, older.firewallRules, newer.firewallRules),
    compareList(PORT_EXCLUSIONS, excludedRanges(older), excludedRanges(newer)),
    compareList(SERVICES, older.services, newer.services),
  ];
  const changes: Change[] = [];
  const notCompared: NotCompared[] = [];
  for (const part of parts) {
    changes.push(...part.changes);
    notCompared.push(...part.notCompared);
  }
  return { changes, notCompared };
}
