import { Command } from 'commander';
import { findings } from '../../core/diagnosis';
import { findingJson } from '../../core/diagnosis/subjects';
import { formatFindings } from '../format/findings';
import type { CliIo } from '../context';
import { jsonText, styleFor } from '../terminal';
import { loadHostModel } from '../load';

export function findingsCommand(io: CliIo): Command {
  return new Command('findings')
    .description('List what is wrong on the host, most severe first, each with its evidence and fix')
    .argument('<bundle>', 'bundle folder or .zip')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok (findings or not), 2 usage, 3 unreadable bundle.\nExample: hostscope findings resources/samples/server2019-broken-nat --json',
    )
    .action(async (bundle: string, options: { json?: boolean }) => {
      const list = findings(await loadHostModel(bundle));
      io.out(
        options.json
          ? jsonText(list.map(findingJson))
          : formatFindings(list, styleFor(io), Math.min(io.columns, 100)),
      );
    });
}
