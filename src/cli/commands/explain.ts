import { Command } from 'commander';
import { correlate, explain, parsePort, parseSource } from '../../core/diagnosis';
import { formatExplanation } from '../../core/format/explanation';
import { safeText } from '../../core/format/style';
import { resolveContainer } from '../container-ref';
import { CliError, EXIT, type CliIo } from '../context';
import { jsonText, styleFor } from '../terminal';
import { loadHostModel } from '../load';

export function explainCommand(io: CliIo): Command {
  return new Command('explain')
    .description(
      'Explain, hop by hop, whether a source can reach a container on a port, and if not why and how to fix it',
    )
    .argument('<bundle>', 'bundle folder or .zip')
    .requiredOption('--container <ref>', 'container name, full id or unique id prefix')
    .requiredOption('--from <source>', 'external | host | host-localhost | container:<ref>')
    .requiredOption(
      '--port <port>',
      'port, optionally with /tcp or /udp (tcp by default): a host port for external and host-localhost, a container port for host and container:<ref>',
    )
    .option('--json', 'print JSON')
    .option('--verbose', 'show the evidence of passing hops too')
    .addHelpText(
      'after',
      '\nExit codes: 0 answered (whatever the verdict), 2 usage, 3 unreadable bundle, 4 no such container.\nExample: hostscope explain resources/samples/server2016-swarm-portainer --container portainer --from host-localhost --port 9000',
    )
    .action(
      async (
        bundle: string,
        options: { container: string; from: string; port: string; json?: boolean; verbose?: boolean },
      ) => {
        // Check the words before reading a bundle: a typo should not cost a large bundle's load.
        const source = parseSource(options.from);
        if (!source)
          throw new CliError(
            `--from "${safeText(options.from)}" is not a source: use external, host, host-localhost or container:<ref>`,
            EXIT.usage,
          );
        const port = parsePort(options.port);
        if (!port)
          throw new CliError(
            `--port "${safeText(options.port)}" is not a port: use a number from 1 to 65535, optionally with /tcp or /udp`,
            EXIT.usage,
          );
        const model = await loadHostModel(bundle);
        const target = resolveContainer(model, options.container);
        if (source.kind === 'container') resolveContainer(model, source.ref, 'source container');
        const result = explain(model, target, source, port.port, port.protocol, correlate(model));
        io.out(
          options.json
            ? jsonText(result)
            : formatExplanation(result, styleFor(io), {
                width: Math.min(io.columns, 100),
                verbose: options.verbose ?? false,
              }),
        );
      },
    );
}
