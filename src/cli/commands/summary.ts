import { Command } from 'commander';
import { summarize } from '../../core/summary';
import { formatSummary } from '../format/summary';
import type { CliIo } from '../context';
import { jsonText, styleFor } from '../terminal';
import { loadHostModel } from '../load';

export function summaryCommand(io: CliIo): Command {
  return new Command('summary')
    .description('Show the host, the engine, every container and every probe outcome of a bundle')
    .argument('<bundle>', 'bundle folder or .zip')
    .option('--json', 'print JSON instead of tables')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 2 usage, 3 unreadable bundle.\nExample: hostscope summary resources/samples/server2016-swarm-portainer',
    )
    .action(async (bundle: string, options: { json?: boolean }) => {
      const summary = summarize(await loadHostModel(bundle));
      io.out(
        options.json ? jsonText(summary) : formatSummary(summary, styleFor(io), Math.min(io.columns, 100)),
      );
    });
}
