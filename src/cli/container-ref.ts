// Resolving --container <ref> for commands: a container of the bundle, or exit code 4 naming close names.
import { findContainer } from '../core/diagnosis';
import { safeText } from './format/style';
import type { Container, HostModel } from '../shared/model';
import { CANDIDATES_SHOWN } from '../service/resolve';
import { CliError, EXIT } from './context';

export function resolveContainer(model: HostModel, ref: string, what = 'container'): Container {
  const found = findContainer(model, ref);
  switch (found.kind) {
    case 'found':
      return found.container;
    case 'ambiguous': {
      // At most a few, as the service lists them (issue 17, defect 11).
      const shown = found.candidates.slice(0, CANDIDATES_SHOWN);
      const more = found.candidates.length - shown.length;
      throw new CliError(
        `${what} "${safeText(ref)}" matches ${found.candidates.length} containers (${shown.map((c) => `${safeText(c.name)} ${c.id.slice(0, 12)}`).join(', ')}${more > 0 ? `, and ${more} more` : ''}); give more of the id or the full name`,
        EXIT.notFound,
      );
    }
    case 'not-found': {
      const hint = found.reason
        ? `: ${found.reason}`
        : found.suggestions.length > 0
          ? `; did you mean ${found.suggestions.map((s) => safeText(s)).join(', ')}?`
          : '';
      throw new CliError(`no ${what} "${safeText(ref)}" in this bundle${hint}`, EXIT.notFound);
    }
  }
}
