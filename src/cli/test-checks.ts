// `hostscope explain ... --test` (issue 14): real connections for the asked question on the live host (here, or
// --computer through PowerShell remoting), saved into the bundle as checks/*.json, and the bundle read again so the
// explanation shows what they observed.
import { hostname } from 'node:os';
import { addChecksToBundle } from '../collect/checks/save';
import { checkEngine, runChecks } from '../collect/checks/run-checks';
import { planChecks } from '../core/checks';
import { correlate } from '../core/diagnosis';
import { safeText } from './format/style';
import type { ReachSource } from '../shared/diagnosis';
import type { HostModel } from '../shared/model';
import { resolveContainer } from './container-ref';
import { CliError, EXIT, type CliIo } from './context';
import { loadHostModel } from './load';

export interface TestRequest {
  readonly container: string;
  readonly source: ReachSource;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
  readonly timeoutMs: number;
  readonly computer?: string;
}

/** The model read again with the new checks; the model as it was when nothing could be tested (said on stderr). */
export async function testExplanation(
  io: CliIo,
  bundle: string,
  model: HostModel,
  request: TestRequest,
): Promise<HostModel> {
  const here = request.computer ?? hostname();
  const from = model.computerName;
  // A check connects from where Hostscope runs (or the --computer it reaches): only that host's bundle is answered.
  if (from === null || shortName(from) !== shortName(here))
    throw new CliError(
      `the bundle was collected on ${safeText(from ?? 'an unnamed computer')}, not on ${safeText(here)}: a check must run on the host it tests (run this on ${safeText(from ?? 'that host')}, or add --computer ${safeText(from ?? '<name>')})`,
      EXIT.usage,
    );
  const container = resolveContainer(model, request.container);
  let source = request.source;
  if (source.kind === 'container')
    source = { kind: 'container', ref: resolveContainer(model, source.ref, 'source container').id };
  const plan = planChecks(
    model,
    { container, source, port: request.port, protocol: request.protocol },
    correlate(model),
  );
  if (plan.kind === 'untestable') {
    io.err(`Not tested: ${plan.reason}\n`);
    return model;
  }
  const remote = request.computer !== undefined && shortName(request.computer) !== shortName(hostname());
  const records = await runChecks(plan.checks, {
    timeoutMs: request.timeoutMs,
    powershell: remote ? { computer: request.computer! } : {},
    docker: checkEngine(remote ? request.computer : undefined),
    onProgress: (done, total, label) => {
      if (done < total) io.err(`Testing ${label} (${done + 1} of ${total})\n`);
    },
  });
  const saved = await addChecksToBundle(bundle, records);
  io.err(`Saved ${saved.join(', ')} into ${safeText(bundle)}\n`);
  return loadHostModel(bundle);
}

function shortName(name: string): string {
  return name.split('.')[0]!.toLowerCase();
}
