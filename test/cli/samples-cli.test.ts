// Issue 10, "how it is checked": explain, findings and inspect on every sample host, in JSON and in text. The JSON
// must be the diagnosis computed beside it (never typed in), the text must name what the JSON holds, and the 1.1
// samples must show their new causes as resources/samples/README.md states them.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBundle } from '../../src/collect/bundle-reader';
import {
  correlate,
  findings,
  inspect,
  outboundMatrix,
  reachabilityMatrix,
  type Correlation,
} from '../../src/core/diagnosis';
import { explanationJson, targetText } from '../../src/core/diagnosis/subjects';
import { buildHostModel } from '../../src/core/host-model';
import type { Explanation } from '../../src/shared/diagnosis';
import type { HostModel } from '../../src/shared/model';
import { samplesDir } from '../../src/service/paths';
import { listSamples } from '../../src/service/samples';
import { cli } from '../support/cli';

const samples = listSamples(samplesDir()).map((s) => s.name);
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe.each(samples)('the CLI on %s', (name) => {
  const path = join(samplesDir(), name);
  let model: HostModel;
  let correlation: Correlation;
  beforeAll(async () => {
    model = buildHostModel(await readBundle(path));
    correlation = correlate(model);
  });

  it('findings: the JSON is the diagnosis, the text names every finding by id', async () => {
    const json = await cli('findings', path, '--json');
    expect(json.code).toBe(0);
    const expected = findings(model, correlation);
    expect((JSON.parse(json.out) as { id: string }[]).map((f) => f.id).sort()).toEqual(
      expected.map((f) => f.id).sort(),
    );
    const text = await cli('findings', path);
    expect(text.code).toBe(0);
    for (const f of expected) expect(text.out).toContain(`[${f.id}]`);
  });

  it('inspect: every container, JSON as the diagnosis gives it, text headed by its name', async () => {
    const containers = model.containers.kind === 'known' ? model.containers.value : [];
    for (const c of containers) {
      const json = await cli('inspect', path, '--container', c.id, '--json');
      expect(json.code, c.name).toBe(0);
      expect(JSON.parse(json.out)).toEqual(plain(inspect(model, c, correlation)));
      const text = await cli('inspect', path, '--container', c.id);
      // The name heads the text; a long one takes the first line to itself.
      expect(text.out.split('\n')[0]!.startsWith(c.name), c.name).toBe(true);
    }
  });

  it('explain: the first path of each verdict and each outbound question kind, JSON and text agree', async () => {
    const pick = (list: readonly Explanation[], keyOf: (e: Explanation) => string): Explanation[] => {
      const seen = new Map<string, Explanation>();
      for (const e of list) if (!seen.has(keyOf(e))) seen.set(keyOf(e), e);
      return [...seen.values()];
    };
    const inbound = pick(reachabilityMatrix(model, correlation), (e) => e.verdict);
    const outbound = pick(outboundMatrix(model, correlation), (e) => `${e.to?.kind}/${e.verdict}`);
    expect(inbound.length + outbound.length).toBeGreaterThan(0);
    for (const e of [...inbound, ...outbound]) {
      const ask = e.direction === 'outbound' ? ['--to', targetText(e.to!)] : ['--from', e.from];
      const args = [
        'explain',
        path,
        '--container',
        e.container.id,
        ...ask,
        '--port',
        `${e.port}/${e.protocol}`,
      ];
      const json = await cli(...args, '--json');
      expect(json.code, args.join(' ')).toBe(0);
      // The contract's form: the typed source stays inside Hostscope (`from` carries it), `to` is text.
      const { source: _source, ...contract } = explanationJson(e);
      expect(JSON.parse(json.out)).toEqual(plain(contract));
      const text = await cli(...args);
      expect(text.out.split('\n')[0]).toMatch(new RegExp(`^${e.verdict.toUpperCase()} `));
      for (const cause of e.causes) expect(text.out).toContain(cause.title.slice(0, 40));
    }
  });
});

describe('the CLI shows the 1.1 causes the samples README states', () => {
  const trouble = join(samplesDir(), 'server2022-hns-trouble');
  const explainJson = async (...args: string[]): Promise<Explanation> => {
    const run = await cli('explain', trouble, ...args, '--json');
    expect(run.code, args.join(' ')).toBe(0);
    return JSON.parse(run.out) as Explanation;
  };

  it('port-reserved for grpc 50051, port-publish-refused for admin 9000, nat-prefix-overlap for agent', async () => {
    const grpc = await explainJson('--container', 'grpc', '--from', 'external', '--port', '50051');
    expect(grpc.verdict).toBe('unreachable');
    expect(grpc.causes.map((c) => c.id)).toEqual(
      expect.arrayContaining(['port-reserved', 'container-not-running']),
    );
    const admin = await explainJson('--container', 'admin', '--from', 'external', '--port', '9000');
    expect(admin.causes.map((c) => c.id)).toContain('port-publish-refused');
    const agent = await explainJson('--container', 'agent', '--to', '172.18.40.15', '--port', '443');
    expect(agent).toMatchObject({ direction: 'outbound', to: '172.18.40.15', verdict: 'unreachable' });
    expect(agent.causes.map((c) => c.id)).toContain('nat-prefix-overlap');
    const text = await cli(
      'explain',
      trouble,
      '--container',
      'agent',
      '--to',
      '172.18.40.15',
      '--port',
      '443',
    );
    expect(text.out).toMatch(/^UNREACHABLE /);
    expect(text.out).toContain("172.18.40.15 lies inside ci's prefix");
  });

  it('findings: exactly the ids the README lists', async () => {
    const run = await cli('findings', trouble, '--json');
    const ids = new Set((JSON.parse(run.out) as { id: string }[]).map((f) => f.id));
    expect([...ids].sort()).toEqual(
      [
        'port-reserved',
        'port-publish-refused',
        'hns-endpoint-orphan',
        'nat-prefix-overlap',
        'hns-service-not-running',
        'hns-errors-recent',
        'host-nic-apipa',
        'published-port-unreachable',
      ].sort(),
    );
  });
});
