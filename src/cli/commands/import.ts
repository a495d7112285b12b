import { Command } from 'commander';
import { readImportInputs, writeImportBundle, writeMergedBundle } from '../../collect/import-bundle';
import type { MergePlan } from '../../core/import/merge';
import { ImportRefused, planImport } from '../../core/import/plan';
import { formatImportPreview } from '../format/import-preview';
import { CliError, EXIT, type CliIo } from '../context';
import { errorMessage } from '../../shared/error-message';

interface ImportFlags {
  readonly out?: string;
  readonly computer?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly into?: string;
}

export function importCommand(io: CliIo): Command {
  return new Command('import')
    .description(
      'Make a bundle from console output an admin pasted or saved (docker inspect, Get-NetNatStaticMapping, netsh, ipconfig ...)',
    )
    .argument('<inputs...>', 'text files, folders of them, or - for stdin')
    .option('--out <dir|zip>', 'the bundle to write: a folder, or a file ending in .zip; must not exist')
    .option('--computer <name>', 'the host the output came from, where the text does not name it')
    .option(
      '--into <bundle>',
      'add the import to this bundle of the same host, written as a new bundle at --out (the bundle is not changed)',
    )
    .option('--dry-run', 'only show what would be read from each block (alias --preview)')
    .option('--preview', 'same as --dry-run')
    .option('--json', 'print the preview as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Blocks are split at prompt lines (PS C:\\> command) and Markdown fences; each is read as the command it',
        'names, or by its shape. The original text is kept under imported/ in the bundle. Nothing is executed.',
        'Exit codes: 0 written (or previewed), 1 failed, 2 usage.',
        'With --into, what the bundle collected is kept; the import fills only probes and files it lacks, and its',
        'text goes to imported/add-<n>/. A different host is refused.',
        'Example: hostscope import ticket-4711.txt --out ticket-4711.zip --computer SRV01',
      ].join('\n'),
    )
    .action(async (paths: string[], flags: ImportFlags & { readonly preview?: boolean }) => {
      const dryRun = flags.dryRun === true || flags.preview === true;
      if (!dryRun && flags.out === undefined)
        throw new CliError('--out <dir|zip> is required (or --dry-run to preview)', EXIT.usage);
      const fail = (error: unknown): never => {
        throw new CliError(errorMessage(error), EXIT.failed);
      };
      const read = await readImportInputs(paths, io.stdin ?? process.stdin).catch(fail);
      for (const skipped of read.skipped) io.err(`hostscope: left out ${skipped}\n`);
      if (read.inputs.length === 0)
        throw new CliError('nothing to import: no readable text among the inputs', EXIT.failed);
      const options = flags.computer !== undefined ? { computerName: flags.computer } : {};
      try {
        if (dryRun) {
          const plan = planImport(read.inputs, options);
          io.out(
            flags.json
              ? `${JSON.stringify(plan.blocks, null, 2)}\n`
              : formatImportPreview(plan, Math.min(io.columns, 100)),
          );
          return;
        }
        if (flags.into !== undefined) {
          const { plan, merge, written } = await writeMergedBundle(read.inputs, {
            ...options,
            out: flags.out!,
            into: flags.into,
            confirmSameHost: false,
          });
          io.out(
            flags.json
              ? `${JSON.stringify({ blocks: plan.blocks, added: merge.added, notUsed: merge.notUsed }, null, 2)}\n`
              : `${formatImportPreview(plan, Math.min(io.columns, 100))}${formatMerge(merge)}`,
          );
          io.out(`wrote ${written.path}: ${written.files} files, ${written.bytes} bytes\n`);
          return;
        }
        const { plan, written } = await writeImportBundle(read.inputs, { ...options, out: flags.out! });
        io.out(
          flags.json
            ? `${JSON.stringify(plan.blocks, null, 2)}\n`
            : formatImportPreview(plan, Math.min(io.columns, 100)),
        );
        io.out(`wrote ${written.path}: ${written.files} files, ${written.bytes} bytes\n`);
      } catch (error) {
        if (error instanceof ImportRefused) throw new CliError(error.message, EXIT.failed);
        fail(error);
      }
    });
}

function formatMerge(merge: MergePlan): string {
  const lines = [
    `Added to the bundle: ${merge.added.length > 0 ? merge.added.join(', ') : 'nothing (it already held everything pasted)'}`,
    ...merge.notUsed.map((n) => `  not used: ${n.file}: ${n.reason}`),
    `The pasted text is kept in ${merge.originalsDir}/.`,
  ];
  return `${lines.join('\n')}\n`;
}
