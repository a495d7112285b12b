// Issue 11: no copyable fix removes or recreates a container, a network or a volume. Every cause (for every
// container, every port it publishes or listens on, both host and container ports, from every source) and
// every finding of every sample and of the hostile fixture is walked. Generated hosts: properties.test.ts.
import { describe, expect, it } from 'vitest';
import { correlate, explain, explainOutbound, findings, outboundMatrix } from '../../../src/core/diagnosis';
import type { ReachSource } from '../../../src/shared/diagnosis';
import { destructiveCommand } from '../../support/fix-safety';
import { loadBundle, reportBundles } from '../../support/report-bundles';
import { commandOf } from './model-builder';
import { healthy } from './scenario';

describe('no destructive copyable fix', () => {
  for (const { name, path } of reportBundles()) {
    it(`${name}: no cause or finding offers docker rm, network rm, volume rm or Remove-HnsNetwork`, async () => {
      const { model } = await loadBundle(name, path);
      const correlation = correlate(model);
      const containers = model.containers.kind === 'known' ? model.containers.value : [];
      const sources: ReachSource[] = [
        { kind: 'external' },
        { kind: 'host' },
        { kind: 'host-localhost' },
        ...containers.slice(0, 3).map((c) => ({ kind: 'container' as const, ref: c.id })),
      ];
      let causes = 0;
      for (const c of containers) {
        const asked = new Set([
          80,
          2375,
          ...c.publishedPorts.flatMap((p) => [p.containerPort, p.hostPort ?? 0]),
        ]);
        for (const port of asked)
          for (const source of sources)
            for (const cause of explain(model, { container: c, source, port, protocol: 'tcp' }, correlation)
              .causes) {
              causes++;
              expect(destructiveCommand(cause.fix), `${c.name} ${port} ${cause.id}`).toBeNull();
            }
      }
      expect(causes).toBeGreaterThan(0);
      // The outbound questions of the matrix and reports (issue 10), and the address and name targets.
      for (const c of containers)
        for (const target of [
          { kind: 'host' },
          { kind: 'internet' },
          { kind: 'address', address: '172.18.40.15' },
          { kind: 'name', name: 'host.docker.internal' },
        ] as const)
          for (const cause of explainOutbound(
            model,
            { container: c, target, port: 1433, protocol: 'tcp' },
            correlation,
          ).causes)
            expect(destructiveCommand(cause.fix), `${c.name} to ${target.kind} ${cause.id}`).toBeNull();
      for (const e of outboundMatrix(model, correlation))
        for (const cause of e.causes)
          expect(destructiveCommand(cause.fix), `${JSON.stringify(e.to)} ${cause.id}`).toBeNull();
      for (const f of findings(model, correlation)) expect(destructiveCommand(f.fix), f.id).toBeNull();
    });
  }

  it('the check itself catches a recreation offered as a command', () => {
    expect(
      destructiveCommand({ kind: 'command', command: 'docker rm -f shop; docker run -d shop' }),
    ).not.toBeNull();
    expect(destructiveCommand({ kind: 'command', command: 'docker container rm shop' })).not.toBeNull();
    expect(
      destructiveCommand({ kind: 'command', command: 'Get-HnsNetwork | Remove-HnsNetwork' }),
    ).not.toBeNull();
    expect(destructiveCommand({ kind: 'steps', steps: ['docker rm -f shop'] })).toBeNull();
  });

  it('an unpublished port: prose listing every setting to carry over, no command', () => {
    const { b, web } = healthy({
      web: {
        name: 'shop',
        ports: [[8081, 80]],
        networks: [
          { name: 'nat', ip: '172.24.80.7' },
          { name: 'backend', ip: '172.30.0.7' },
        ],
        mounts: [
          { type: 'bind', name: null, source: 'C:\\shop\\data', destination: 'C:\\data', readOnly: false },
        ],
        env: ['SHOP_MODE'],
      },
    });
    const model = b.build();
    const cause = explain(model, {
      container: web,
      source: { kind: 'external' },
      port: 80,
      protocol: 'tcp',
    }).causes.find((c) => c.id === 'no-published-port')!;
    expect(cause.fix.kind).toBe('steps');
    const text = cause.fix.kind === 'steps' ? cause.fix.steps.join(' ') : '';
    for (const setting of [
      'C:\\shop\\data -> C:\\data',
      'SHOP_MODE',
      'RestartPolicy',
      'nat, backend',
      'labels',
    ])
      expect(text).toContain(setting);
    expect(() => commandOf(cause.fix)).toThrow(/expected a command fix/);
  });
});

describe('fixes that affect others name them', () => {
  it('blocking the engine port names the container that uses the API over TCP (portainer on the 2016 sample)', async () => {
    const sample = reportBundles().find((b) => b.name === 'server2016-swarm-portainer')!;
    const { model } = await loadBundle(sample.name, sample.path);
    const finding = findings(model).find((f) => f.id === 'docker-api-unencrypted')!;
    expect(commandOf(finding.fix)).toContain('-LocalPort 2375');
    expect(finding.fix.kind === 'command' ? finding.fix.note : '').toMatch(/cuts off portainer, which uses/);
    expect(finding.evidence.map((e) => e.detail)).toContainEqual(
      expect.stringContaining('172.24.80.2:49734'),
    );
  });
});
