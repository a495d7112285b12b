import { Command } from 'commander';
import { compareIsolation, correlate, isolationProfile } from '../../core/diagnosis';
import { formatIsolationComparison, formatIsolationProfile } from '../format/isolation';
import { resolveContainer } from '../container-ref';
import type { CliIo } from '../context';
import { jsonText, styleFor } from '../terminal';
import { loadHostModel } from '../load';

export function isolationCommand(io: CliIo): Command {
  return new Command('isolation')
    .description(
      'Walk through what isolation means for a container as seen from the host, or compare two (process and Hyper-V)',
    )
    .argument('<bundle>', 'bundle folder or .zip')
    .requiredOption('--container <ref>', 'container name, full id or unique id prefix')
    .option('--compare <ref>', 'a second container to compare with, point by point')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 2 usage, 3 unreadable bundle, 4 no such container.\nExample: hostscope isolation resources/samples/server2016-swarm-portainer --container portainer --compare coreapp',
    )
    .action(async (bundle: string, options: { container: string; compare?: string; json?: boolean }) => {
      const model = await loadHostModel(bundle);
      const a = resolveContainer(model, options.container);
      const style = styleFor(io);
      const width = Math.min(io.columns, 100);
      const correlation = correlate(model);
      if (options.compare !== undefined) {
        const result = compareIsolation(model, a, resolveContainer(model, options.compare), correlation);
        io.out(options.json ? jsonText(result) : formatIsolationComparison(result, style, width));
      } else {
        const result = isolationProfile(model, a, correlation);
        io.out(options.json ? jsonText(result) : formatIsolationProfile(result, style, width));
      }
    });
}
