import { Command } from 'commander';
import { inspect } from '../../core/diagnosis';
import { formatInspect } from '../format/inspect';
import { resolveContainer } from '../container-ref';
import type { CliIo } from '../context';
import { jsonText, styleFor } from '../terminal';
import { loadHostModel } from '../load';

export function inspectCommand(io: CliIo): Command {
  return new Command('inspect')
    .description(
      'Show what a container is on the host: session, processes, utility VM, sandbox disk, networks, ports, NAT mappings, firewall rules',
    )
    .argument('<bundle>', 'bundle folder or .zip')
    .requiredOption('--container <ref>', 'container name, full id or unique id prefix')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 2 usage, 3 unreadable bundle, 4 no such container.\nExample: hostscope inspect resources/samples/server2016-swarm-portainer --container portainer',
    )
    .action(async (bundle: string, options: { container: string; json?: boolean }) => {
      const model = await loadHostModel(bundle);
      const result = inspect(model, resolveContainer(model, options.container));
      io.out(
        options.json ? jsonText(result) : formatInspect(result, styleFor(io), Math.min(io.columns, 100)),
      );
    });
}
