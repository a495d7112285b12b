import { Command } from 'commander';
import { diffHosts } from '../../core/diff';
import { formatDiff } from '../format/diff';
import { CliError, EXIT, type CliIo } from '../context';
import { loadHostModel } from '../load';
import { findingJson } from '../../core/diagnosis/subjects';
import { jsonText, styleFor } from '../terminal';

export function diffCommand(io: CliIo): Command {
  return new Command('diff')
    .description(
      'Show what changed on a host between two of its bundles, and the verdicts and findings it changed',
    )
    .argument('<older>', 'the earlier bundle folder or .zip')
    .argument('<newer>', 'the later bundle folder or .zip of the same host')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 ok (changes or not), 1 bundles of two different hosts, 2 usage, 3 unreadable bundle.\nExample: hostscope diff C:\\bundles\\web07-monday.zip C:\\bundles\\web07-now.zip',
    )
    .action(async (older: string, newer: string, options: { json?: boolean }) => {
      const result = diffHosts(await loadHostModel(older), await loadHostModel(newer));
      // The contract's fields at the top level (section 6), with `kind` to tell a refusal from a diff.
      if (options.json)
        io.out(
          jsonText(
            result.kind === 'diff'
              ? {
                  kind: result.kind,
                  ...result.diff,
                  // Findings in the contract's form (subjects as "container:<id>"), as `findings --json` writes them.
                  findingsAdded: result.diff.findingsAdded.map(findingJson),
                  findingsResolved: result.diff.findingsResolved.map(findingJson),
                  findingsUndetermined: result.diff.findingsUndetermined.map(findingJson),
                }
              : result,
          ),
        );
      if (result.kind === 'different-hosts') throw new CliError(result.message, EXIT.failed);
      if (!options.json) io.out(formatDiff(result, styleFor(io), Math.min(io.columns, 100)));
    });
}
