import { Command } from 'commander';
import {
  correlate,
  explain,
  explainIcmp,
  explainOutbound,
  isIcmpQuestion,
  parsePort,
  parseSource,
  parseTarget,
} from '../../core/diagnosis';
import { explanationJson } from '../../core/diagnosis/subjects';
import type { Explanation, ExplanationJson, IcmpExplanation } from '../../shared/diagnosis';
import { formatExplanation } from '../format/explanation';
import { safeText } from '../format/style';
import { resolveContainer } from '../container-ref';
import { CliError, EXIT, type CliIo } from '../context';
import { jsonText, styleFor } from '../terminal';
import { loadHostModel } from '../load';
import { testExplanation } from '../test-checks';

export function explainCommand(io: CliIo): Command {
  return new Command('explain')
    .description(
      'Explain, hop by hop, whether a source can reach a container on a port (--from), or what the container can reach (--to), and if not why and how to fix it',
    )
    .argument('<bundle>', 'bundle folder or .zip')
    .requiredOption('--container <ref>', 'container name, full id or unique id prefix')
    .option('--from <source>', 'inbound: external | host | host-localhost | container:<ref>')
    .option('--to <target>', 'outbound: host | internet | container:<ref> | an address or a name')
    .requiredOption(
      '--port <port>',
      'port, optionally with /tcp or /udp (tcp by default): a host port for external and host-localhost, a container port for host and container:<ref>, the destination port with --to; icmp asks about ping, which gets a correction, not a verdict',
    )
    .option(
      '--test',
      'on the live host: also try a real connection for this question (from the host, or docker exec in the source container), save it into the bundle as checks/*.json, and show what it observed beside the inference',
    )
    .option(
      '--computer <name>',
      'with --test: the container host the bundle came from, reached through PowerShell remoting',
    )
    .option('--timeout <seconds>', 'with --test: how long each connection may take', '3')
    .option('--json', 'print JSON')
    .option('--verbose', 'show the evidence of passing hops too')
    .addHelpText(
      'after',
      '\nExit codes: 0 answered (whatever the verdict), 2 usage, 3 unreadable bundle, 4 no such container.\nExamples: hostscope explain resources/samples/server2016-swarm-portainer --container portainer --from host-localhost --port 9000\n          hostscope explain resources/samples/server2016-swarm-portainer --container portainer --to host --port 2375',
    )
    .action(
      async (
        bundle: string,
        options: {
          container: string;
          from?: string;
          to?: string;
          port: string;
          json?: boolean;
          verbose?: boolean;
          test?: boolean;
          computer?: string;
          timeout: string;
        },
      ) => {
        // Check the words before reading a bundle: a typo should not cost a large bundle's load.
        if ((options.from === undefined) === (options.to === undefined))
          throw new CliError(
            'give exactly one of --from <source> (inbound) or --to <target> (outbound)',
            EXIT.usage,
          );
        const source = options.from === undefined ? undefined : parseSource(options.from);
        if (source === null)
          throw new CliError(
            `--from "${safeText(options.from ?? '')}" is not a source: use external, host, host-localhost or container:<ref>`,
            EXIT.usage,
          );
        const target = options.to === undefined ? undefined : parseTarget(options.to);
        if (target === null)
          throw new CliError(
            `--to "${safeText(options.to ?? '')}" is not a target: use host, internet, container:<ref>, an IP address or a DNS name`,
            EXIT.usage,
          );
        // A ping is not reachability evidence (failure catalogue 28): the answer is the correction, never a verdict.
        const icmp = isIcmpQuestion(options.port);
        const port = icmp ? null : parsePort(options.port);
        if (!port && !icmp)
          throw new CliError(
            `--port "${safeText(options.port)}" is not a port: use a number from 1 to 65535, optionally with /tcp or /udp, or icmp`,
            EXIT.usage,
          );
        if (options.computer !== undefined && !options.test)
          throw new CliError(
            '--computer goes with --test: it names the host the connection is tried on',
            EXIT.usage,
          );
        if (options.test && (target !== undefined || !port))
          throw new CliError('--test answers inbound questions (--from with a TCP port) only', EXIT.usage);
        const timeoutMs = Math.round(Number(options.timeout) * 1000);
        if (options.test && (!Number.isFinite(timeoutMs) || timeoutMs < 100 || timeoutMs > 60_000))
          throw new CliError(
            `--timeout "${safeText(options.timeout)}" is not a number of seconds from 0.1 to 60`,
            EXIT.usage,
          );
        let model = await loadHostModel(bundle);
        if (options.test && port && source)
          model = await testExplanation(io, bundle, model, {
            container: options.container,
            source,
            port: port.port,
            protocol: port.protocol,
            timeoutMs,
            ...(options.computer === undefined ? {} : { computer: options.computer }),
          });
        const container = resolveContainer(model, options.container);
        if (source?.kind === 'container') resolveContainer(model, source.ref, 'source container');
        if (target?.kind === 'container') resolveContainer(model, target.ref, 'target container');
        const correlation = correlate(model);
        const result = !port
          ? explainIcmp(
              model,
              container,
              target ? { direction: 'outbound', target } : { direction: 'inbound', source: source! },
              correlation,
            )
          : target
            ? explainOutbound(
                model,
                { container, target, port: port.port, protocol: port.protocol },
                correlation,
              )
            : explain(
                model,
                { container, source: source!, port: port.port, protocol: port.protocol },
                correlation,
              );
        io.out(
          options.json
            ? jsonText(contractJson(result))
            : formatExplanation(result, styleFor(io), {
                width: Math.min(io.columns, 100),
                verbose: options.verbose ?? false,
              }),
        );
      },
    );
}

/**
 * The diagnosis contract's form (spec sections 2 and 4): the client as its `from` text, without the typed
 * `source`; `to` as text.
 */
function contractJson(
  e: Explanation | IcmpExplanation,
): Omit<ExplanationJson | ExplanationJson<IcmpExplanation>, 'source'> {
  const { source: _typed, ...contract } = explanationJson(e);
  return contract;
}
