// The healthy host most diagnosis tests start from, then break one thing: Server 2019, one process-isolated
// container `web` on nat publishing 8080 -> 80, its session, mapping, allow rule and listener all in place.

import type { Container, HostModel } from '../../../src/shared/model';
import {
  container,
  hostProcess,
  HostBuilder,
  mapping,
  natNetwork,
  ports,
  rule,
  type ContainerSpec,
} from './model-builder';

export const WEB_IP = '172.24.80.2';
export const API_IP = '172.24.80.3';
export const GATEWAY = '172.24.80.1';

/** The host's own address on nat, the gateway of its containers: what they reach the host by. */
export const VETH = {
  interfaceAlias: 'vEthernet (nat)',
  interfaceIndex: 12,
  ipAddress: GATEWAY,
  prefixLength: 20,
  family: 'ipv4',
} as const;

export function webSpec(extra: Partial<ContainerSpec> = {}): ContainerSpec {
  return {
    name: 'web',
    networks: [{ name: 'nat', ip: WEB_IP, gateway: GATEWAY, networkId: 'nat-id' }],
    ports: [[8080, 80]],
    isolation: 'process',
    top: [3632, 3700],
    listeners: [{ localPort: 80, localAddress: '0.0.0.0' }],
    ...extra,
  };
}

export interface Scenario {
  readonly b: HostBuilder;
  readonly web: Container;
}

/** The healthy host; `build` sets the Windows build, `web` overrides the container. */
export function healthy(
  options: {
    readonly build?: number;
    readonly web?: Partial<ContainerSpec>;
    readonly rules?: boolean;
    readonly mapping?: boolean;
  } = {},
): Scenario {
  const web = container(webSpec(options.web));
  const b = new HostBuilder()
    .os({ build: options.build ?? 17763 })
    .containers(web)
    .networks(natNetwork())
    .processes(
      hostProcess(4, 'System', 0),
      hostProcess(612, 'smss', 0),
      hostProcess(1200, 'dockerd', 0),
      hostProcess(3600, 'CExecSvc', 2),
      hostProcess(3632, 'w3wp', 2),
      hostProcess(3700, 'powershell', 2),
    );
  if (options.mapping !== false) b.natMappings(mapping(8080, WEB_IP, 80));
  // HNS creates the allow rule on the container port for process isolation (Windows-Containers#561).
  if (options.rules !== false)
    b.rules(
      rule({
        name: 'hns-web-80',
        displayName: 'HNS Container Networking - web 80 (TCP-In)',
        localPorts: ports(80),
      }),
    );
  return { b, web };
}

export function apiContainer(extra: Partial<ContainerSpec> = {}): Container {
  return container({
    name: 'api',
    networks: [{ name: 'nat', ip: API_IP, gateway: GATEWAY, networkId: 'nat-id' }],
    isolation: 'process',
    top: [],
    listeners: [],
    ...extra,
  });
}

/** Task `n` of the swarm service `web`: on the ingress overlay and on nat, listening on 80. */
export function webTask(n: number, taskId: string, natIp: string): Container {
  return container({
    name: `web.${n}.${taskId}`,
    networks: [
      { name: 'ingress', ip: `10.255.0.${n + 4}`, networkId: 'ingress-id' },
      { name: 'nat', ip: natIp, networkId: 'nat-id' },
    ],
    isolation: 'process',
    listeners: [{ localPort: 80 }],
    swarm: { serviceName: 'web', serviceId: 'svc1', taskId },
  });
}

/** The healthy host on `build` running `tasks` of the service `web`, two replicas publishing 80 through the ingress mesh. */
export function swarmWebHost(build: number, tasks: readonly Container[]): HostModel {
  return healthy({ build })
    .b.containers(...tasks)
    .networks({ ...natNetwork('ingress', '10.255.0.0/16', 'overlay'), id: 'ingress-id', ingress: true })
    .services({
      id: 'svc1',
      name: 'web',
      image: 'iis',
      mode: 'replicated',
      replicas: 2,
      ports: [{ targetPort: 80, publishedPort: 80, protocol: 'tcp', publishMode: 'ingress' }],
    })
    .build();
}

/** The healthy host plus the swarm task `svc.1.x`, attached to the overlay network `backend` only. */
export function withOverlayTask(build?: number): Scenario & { readonly task: Container } {
  const scenario = healthy(build === undefined ? {} : { build });
  const task = container({
    name: 'svc.1.x',
    networks: [{ name: 'backend', ip: '10.0.1.5', networkId: 'ov-id' }],
    networkMode: 'backend',
    isolation: 'process',
  });
  scenario.b.networks({ ...natNetwork('backend', '10.0.1.0/24', 'overlay'), id: 'ov-id' }).containers(task);
  return { ...scenario, task };
}
