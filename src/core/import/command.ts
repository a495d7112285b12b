// The command line a block came from, as far as import needs it: what ran, inside which container, and whether
// a filter cut its output to a subset (a subset must never stand for the whole list: a NAT mapping or listener
// missing from it would read as absent, the false "unreachable" the brief forbids).

export interface ParsedCommand {
  /** The command as typed. */
  readonly text: string;
  /** The first pipeline segment, lower case, `docker.exe` -> `docker`, without `docker exec <c>`. */
  readonly head: string;
  /** `docker exec <container> ...`: the container named (name or id as typed). */
  readonly container: string | null;
  /** Why the output is a subset of what the probe collects, or null. */
  readonly filtered: string | null;
  /** A `Select-Object` stage that keeps only some properties (the stage as typed), or null. */
  readonly projection: string | null;
}

/** Pipeline stages that only change how objects print, never which ones. */
const FORMATTERS =
  /^(?:format-list|fl|format-table|ft|format-wide|fw|out-string|out-host|oh|more|convertto-json|sort-object|sort|out-file|tee-object|tee|select-object|select)\b/i;
/** select-object parameters that drop objects. */
const SELECT_SUBSET = /\s-(?:first|last|skip|index|unique)\b/i;

/** Parameters that keep every object a probe collects (the probe itself passes some of them). */
const HARMLESS_PARAMETERS = new Set([
  '-policystore',
  '-includehidden',
  '-all',
  '-a',
  '--all',
  '--no-trunc',
  '-ano',
  '-an',
  '-aon',
  '-nao',
  '-ona',
  '-oan',
  '-na',
  '/all',
  '-d',
  '-detailed',
]);

function splitPipeline(text: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '|') {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

export function parseCommand(text: string): ParsedCommand {
  const [first = '', ...stages] = splitPipeline(text.trim());
  let head = first
    .replace(/^&\s*/, '')
    .replace(/^["']?(?:[^"'\s]*[\\/])?docker(?:\.exe)?["']?(?=\s|$)/i, 'docker')
    .replace(/\s+/g, ' ')
    .trim();
  let container: string | null = null;
  const exec =
    /^docker (?:container )?exec((?: -{1,2}[a-z][\w-]*(?:[ =](?!-)\S+)?)*) ("[^"]+"|\S+) (.+)$/i.exec(head);
  if (exec) {
    container = exec[2]!.replace(/"/g, '');
    head = exec[3]!.replace(
      /^(?:cmd(?:\.exe)? \/c|powershell(?:\.exe)?(?: -\w+)* -c(?:ommand)?|pwsh(?: -\w+)* -c(?:ommand)?) /i,
      '',
    );
    head = head.replace(/^["']|["']$/g, '');
  }
  const lower = head.toLowerCase();
  let filtered: string | null = null;
  const projection =
    stages.find((stage) =>
      /^(?:select-object|select)\s+(?!-(?:first|last|skip|index|unique)\b)[^*\s]/i.test(stage),
    ) ?? null;
  for (const stage of stages) {
    if (FORMATTERS.test(stage) && !SELECT_SUBSET.test(` ${stage}`)) continue;
    filtered = `the output went through \`${stage}\`, so it may hold only some of the objects`;
    break;
  }
  if (filtered === null && /^get-/.test(lower)) {
    const parameter = lower
      .split(' ')
      .slice(1)
      .find((word) => word.startsWith('-') && !HARMLESS_PARAMETERS.has(word));
    if (parameter !== undefined)
      filtered = `\`${parameter}\` selects some of the objects, so the output may not hold them all`;
  }
  if (
    filtered === null &&
    /^docker (?:container )?(?:ps|ls)\b/.test(lower) &&
    /\s(?:-f|--filter)\b/.test(lower)
  )
    filtered = '`--filter` selects some of the containers';
  return { text, head: lower, container, filtered, projection };
}
