// The import preview as text (`hostscope import --dry-run`, and the summary after a real import): each block,
// the command it came from, the rows read, where they went and the warnings (issue 12).
import { safeText } from './style';
import { wrap } from './wrap';
import type { ImportPlan } from '../../core/import/plan';

export function formatImportPreview(plan: ImportPlan, width = 100): string {
  const lines: string[] = [];
  const text = (s: string): string => safeText(s.length > 200 ? `${s.slice(0, 200)}…` : s);
  for (const block of plan.blocks) {
    const from = block.command !== null ? `> ${text(block.command)}` : '(no command line)';
    lines.push(`${block.id}  ${text(block.input)}:${block.line}  ${from}`);
    const rows = block.rows === 1 ? '1 row' : `${block.rows} rows`;
    if (block.status === 'converted') {
      lines.push(
        ...wrap(`${text(block.title)}: ${rows} -> ${block.files.join(', ')}`, width, '    ', '      '),
      );
    } else {
      const what = block.kind === 'unrecognised' ? 'not used' : `${text(block.title)}: ${rows}, not used`;
      lines.push(
        ...wrap(
          `${what}: ${block.reason ?? 'no reason recorded'} (kept in ${block.original})`,
          width,
          '    ',
          '      ',
        ),
      );
    }
    for (const warning of block.warnings) lines.push(...wrap(`! ${text(warning)}`, width, '    ', '      '));
  }
  lines.push('');
  if (plan.probes.length === 0) lines.push('No probe file could be made from this text.');
  for (const probe of plan.probes) {
    const head = `${probe.id}: ${probe.status}${probe.files.length > 0 ? ` (${probe.files.join(', ')})` : ''}`;
    lines.push(...wrap(probe.error ? `${head}: ${probe.error}` : head, width, '', '    '));
    for (const missing of probe.partial ?? [])
      lines.push(...wrap(`partial: ${missing}`, width, '    ', '      '));
  }
  lines.push(
    plan.computerName !== null
      ? `Computer: ${text(plan.computerName)} (from ${plan.computerNameFrom ?? 'unknown'})`
      : 'Computer: unknown (nothing in the text names it; pass --computer NAME)',
  );
  lines.push('Probes not listed were not in the text: what depends on them stays unknown.');
  return `${lines.join('\n')}\n`;
}
