// A paste -> blocks, one per command's output. A prompt line (`PS C:\>`, `C:\>`, `[host]: PS C:\>`) starts a
// block and names its command; Markdown fences and `### <command>` lines (the layout of host/excludedports.txt,
// bundle-v1 1.1) split too. Each block is then cleaned of the damage its paste picked up (issue 12).
import { cleanLines, dedent, undecorate, undoubleBlankLines, unwrapConsole } from './text';

export interface ImportInput {
  /** What the text came from (a file path, "stdin", "paste"), for messages and imported/index.json. */
  readonly name: string;
  readonly text: string;
  /** The command that wrote the whole text, where known from elsewhere (a tool's file name); prompts still split. */
  readonly command?: string;
}

export interface Block {
  /** "b1", "b2" ... in paste order; also the name of its original under imported/. */
  readonly id: string;
  readonly input: string;
  /** 1-based line of the block's first line in its input. */
  readonly line: number;
  /** The command from the prompt line or heading, trimmed; null where the output came without one. */
  readonly command: string | null;
  /** The computer a remoting prompt (`[SRV01]: PS C:\>`) names. */
  readonly remoteComputer: string | null;
  /** The block's lines as pasted (for imported/), decoration and all. */
  readonly original: readonly string[];
  /** The lines cleaned: undecorated, dedented, console wrapping joined. */
  readonly lines: readonly string[];
  /** What was undone, for the preview. */
  readonly damage: readonly string[];
}

const PROMPT =
  /^\s*(?:\[([A-Za-z0-9][A-Za-z0-9.-]{0,62})\]:\s*)?(?:PS\s+(?:[A-Za-z]:\\|\/|Microsoft\.PowerShell\.Core\\FileSystem::)[^>]*>|[A-Za-z]:\\[^>]*>|PS>)\s?(.*)$/;
const FENCE = /^\s*(?:```|~~~)[\w+-]*\s*$/;
const HEADING_COMMAND = /^\s*#{2,4}\s+(.+?)\s*$/;

/** Commands a `### ` heading may name; other headings are prose and only split. */
const COMMAND_WORDS = /^(?:docker|netsh|netstat|ipconfig|hnsdiag|hcsdiag|get-|hostname|type|cat|gc)\b/i;

interface Pending {
  command: string | null;
  remote: string | null;
  start: number;
  original: string[];
  lines: string[];
}

export function splitBlocks(input: ImportInput, firstId = 1): Block[] {
  const cleaned = cleanLines(input.text);
  const rawLines = input.text.split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let pending: Pending | null = null;
  const flush = (): void => {
    if (pending === null) return;
    const block = finish(pending, input.name, `b${firstId + blocks.length}`, cleaned.damage);
    if (block !== null) blocks.push(block);
    pending = null;
  };
  const open = (command: string | null, remote: string | null, start: number): Pending => ({
    command,
    remote,
    start,
    original: [],
    lines: [],
  });
  for (let i = 0; i < cleaned.lines.length; i++) {
    const origin = i + 1;
    const line = undecorate(cleaned.lines[i]!);
    if (FENCE.test(line)) {
      flush();
      continue;
    }
    const prompt = PROMPT.exec(line);
    if (prompt) {
      flush();
      const command = prompt[2]!.trim();
      pending = open(command === '' ? null : command, prompt[1] ?? null, origin);
      pending.original.push(rawLines[origin - 1] ?? line);
      continue;
    }
    const heading = HEADING_COMMAND.exec(line);
    if (heading) {
      flush();
      pending = open(COMMAND_WORDS.test(heading[1]!) ? heading[1]! : null, null, origin);
      pending.original.push(rawLines[origin - 1] ?? line);
      continue;
    }
    pending ??= open(input.command ?? null, null, origin);
    pending.original.push(rawLines[origin - 1] ?? line);
    pending.lines.push(line);
  }
  flush();
  return blocks;
}

function finish(pending: Pending, input: string, id: string, inputDamage: readonly string[]): Block | null {
  const damage = [...inputDamage];
  const undoubled = undoubleBlankLines(pending.lines);
  if (undoubled !== null) damage.push('a blank line after every line');
  let lines = undoubled ?? pending.lines;
  while (lines.length > 0 && lines[0]!.trim() === '') lines = lines.slice(1);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines = lines.slice(0, -1);
  if (lines.length === 0 && pending.command === null) return null;
  if (pending.original.some((l) => l.includes('**') && /\*\*.+?\*\*/.test(l)))
    damage.push('**bold** markers removed');
  const dedented = dedent(lines);
  if (dedented.removed > 0) damage.push(`a leading indent of ${dedented.removed} removed`);
  const unwrapped = unwrapConsole(dedented.lines);
  if (unwrapped.width !== null) damage.push(`lines wrapped by a ${unwrapped.width}-column console joined`);
  return {
    id,
    input,
    line: pending.start,
    command: pending.command,
    remoteComputer: pending.remote,
    original: pending.original,
    lines: unwrapped.lines,
    damage,
  };
}
