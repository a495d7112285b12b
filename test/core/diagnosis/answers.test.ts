// Issue 11: answers an admin can act on. "Did you mean 8081?" before anything else, and fixes that name what
// else they affect (host-mode publishing with several tasks of a service on one node).
import { describe, expect, it } from 'vitest';
import { explain, findings } from '../../../src/core/diagnosis';
import { formatExplanation } from '../../../src/cli/format/explanation';
import { plain } from '../../../src/cli/format/style';
import { healthy, swarmWebHost, webTask } from './scenario';

describe('did you mean the published host port?', () => {
  const { b, web } = healthy({ web: { name: 'shop', ports: [[8081, 80]] } });
  const model = b.build();

  it('asking host port 80 of a container that publishes 80 on 8081 says "did you mean 8081?" first', () => {
    for (const kind of ['external', 'host-localhost'] as const) {
      const e = explain(model, { container: web, source: { kind }, port: 80, protocol: 'tcp' });
      expect(e.didYouMean).toMatchObject({ port: 8081, protocol: 'tcp' });
      expect(e.didYouMean!.message).toMatch(
        /^Did you mean 8081\? shop publishes its port 80\/tcp on host port 8081/,
      );
      // First in the JSON, first in the text.
      expect(Object.keys(JSON.parse(JSON.stringify(e)) as object)[0]).toBe('didYouMean');
      expect(formatExplanation(e, plain).split('\n')[0]).toMatch(/^Did you mean 8081\?/);
      const cause = e.causes.find((c) => c.id === 'no-published-port')!;
      expect(cause.fix.kind === 'steps' && cause.fix.steps[0]).toMatch(/^Connect to host port 8081 instead/);
    }
  });

  it('says nothing of the kind for the published port, for the container port from the host, or for UDP', () => {
    expect(
      explain(model, { container: web, source: { kind: 'external' }, port: 8081, protocol: 'tcp' })
        .didYouMean,
    ).toBeUndefined();
    expect(
      explain(model, { container: web, source: { kind: 'host' }, port: 80, protocol: 'tcp' }).didYouMean,
    ).toBeUndefined();
    expect(
      explain(model, { container: web, source: { kind: 'external' }, port: 80, protocol: 'udp' }).didYouMean,
    ).toBeUndefined();
    expect(
      explain(model, { container: web, source: { kind: 'external' }, port: 9999, protocol: 'tcp' })
        .didYouMean,
    ).toBeUndefined();
  });
});

describe('host-mode publishing with several tasks on one node', () => {
  const tasks = [webTask(1, 'task1', '172.24.80.7'), webTask(2, 'task2', '172.24.80.8')];
  const model = swarmWebHost(14393, tasks);

  it('the mode=host fix names the tasks that cannot all bind the port and suggests --mode global', () => {
    const cause = explain(model, {
      container: tasks[0]!,
      source: { kind: 'external' },
      port: 80,
      protocol: 'tcp',
    }).causes.find((c) => c.id === 'routing-mesh-unsupported')!;
    const finding = findings(model).find((f) => f.id === 'routing-mesh-unsupported')!;
    for (const fix of [cause.fix, finding.fix]) {
      expect(fix.kind).toBe('command');
      const note = fix.kind === 'command' ? (fix.note ?? '') : '';
      expect(note).toContain('web.1.task1, web.2.task2');
      expect(note).toContain('--mode global');
      expect(note).toMatch(/only one of them can bind 80/);
    }
  });
});
