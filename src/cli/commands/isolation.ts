import { Command, Option } from 'commander';
import {
  compareIsolation,
  correlate,
  isolationOverview,
  isolationProfile,
  whatIf,
} from '../../core/diagnosis';
import {
  formatIsolationComparison,
  formatIsolationOverview,
  formatIsolationProfile,
  formatWhatIf,
} from '../format/isolation';
import type { Isolation } from '../../shared/model';
import { resolveContainer } from '../container-ref';
import type { CliIo } from '../context';
import { jsonText, styleFor } from '../terminal';
import { loadHostModel } from '../load';

interface IsolationOptions {
  container?: string;
  compare?: string;
  whatIf?: string;
  to?: Isolation;
  json?: boolean;
}

export function isolationCommand(io: CliIo): Command {
  return new Command('isolation')
    .description(
      'Which images run in which isolation mode here and what the other mode would change (every container), one container as seen from the host, two compared, or a what-if',
    )
    .argument('<bundle>', 'bundle folder or .zip')
    .option(
      '--container <ref>',
      'container name, full id or unique id prefix: what its isolation looks like from the host',
    )
    .option('--compare <ref>', 'a second container to compare with, point by point (with --container)')
    .option('--what-if <ref>', 'what would change if this container ran in the other isolation mode')
    .addOption(
      new Option('--to <mode>', 'the mode for --what-if (default: the other one)').choices([
        'process',
        'hyperv',
      ]),
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 2 usage, 3 unreadable bundle, 4 no such container.\nExamples:\n  hostscope isolation resources/samples/server2022-healthy\n  hostscope isolation resources/samples/server2016-swarm-portainer --what-if portainer\n  hostscope isolation resources/samples/server2016-swarm-portainer --container portainer --compare coreapp',
    )
    .action(async (bundle: string, options: IsolationOptions, command: Command) => {
      if (options.compare !== undefined && options.container === undefined)
        command.error('error: --compare needs --container', { exitCode: 2 });
      const model = await loadHostModel(bundle);
      const style = styleFor(io);
      const width = Math.min(io.columns, 100);
      const correlation = correlate(model);
      if (options.whatIf !== undefined) {
        const result = whatIf(model, resolveContainer(model, options.whatIf), options.to, correlation);
        io.out(options.json ? jsonText(result) : formatWhatIf(result, style, width));
      } else if (options.container === undefined) {
        const result = isolationOverview(model, correlation);
        io.out(options.json ? jsonText(result) : formatIsolationOverview(result, style, width));
      } else if (options.compare !== undefined) {
        const a = resolveContainer(model, options.container);
        const result = compareIsolation(model, a, resolveContainer(model, options.compare), correlation);
        io.out(options.json ? jsonText(result) : formatIsolationComparison(result, style, width));
      } else {
        const result = isolationProfile(model, resolveContainer(model, options.container), correlation);
        io.out(options.json ? jsonText(result) : formatIsolationProfile(result, style, width));
      }
    });
}
