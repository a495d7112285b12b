// Paste or drop (issue 12): console output pasted into a text area, or text files and folders dropped or chosen,
// previewed block by block before anything is written, then opened as a bundle of its own or added to the open
// bundle of the same host. Files are read here, in the page, and only their text is sent: the service never
// reads a path the page names.

import { useEffect, useRef, useState, type DragEvent, type JSX, type RefObject } from 'react';
import type { AppInfo, ImportPreview } from '../../../shared/views';
import { api } from '../api';
import { useApp } from '../app-context';
import { Modal } from '../components/dialog';
import { href, navigate } from '../router';

interface ImportText {
  readonly name: string;
  readonly text: string;
}

interface PickedFile {
  readonly file: File;
  readonly name: string;
}

const PASTED = 'pasted text';
const MiB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
type Limits = NonNullable<AppInfo['importLimits']>;
const limitText = (limits: Limits): string =>
  `${MiB(limits.maxTextBytes)}; import bigger output with \`hostscope import\``;
const utf8 = new TextEncoder();

/** A file's text by its byte-order mark (PowerShell 5.1's `>` writes UTF-16), or null when it is not text. */
function decode(bytes: Uint8Array): string | null {
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  const text = new TextDecoder(encoding).decode(bytes);
  return text.includes('\u0000') ? null : text;
}

/** File names come from the user's disk: shown and sent as printable text only. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  return name.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 1024) || 'file';
}

/** Every file under dropped folders (recursively); stops past the input limit so a huge tree is not walked. */
async function droppedFiles(items: DataTransferItemList, limits: Limits): Promise<PickedFile[]> {
  const out: PickedFile[] = [];
  const entries = [...items].map((item) => item.webkitGetAsEntry()).filter((e) => e !== null);
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (out.length > limits.maxInputs) return;
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      );
      out.push({ file, name: entry.fullPath.replace(/^\//, '') });
      return;
    }
    if (!entry.isDirectory) return;
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
        reader.readEntries(resolve, reject),
      );
      if (batch.length === 0) break;
      for (const child of batch.sort((a, b) => a.name.localeCompare(b.name))) await walk(child);
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

/** Reads chosen or dropped files under the dialog's limits; what is not text is left out and named. */
async function readPicked(
  picked: readonly PickedFile[],
  limits: Limits,
): Promise<{ readonly texts: ImportText[]; readonly skipped: string[] } | { readonly error: string }> {
  if (picked.length > limits.maxInputs)
    return {
      error: `More than ${limits.maxInputs} files: import a folder that large with \`hostscope import\`.`,
    };
  const size = picked.reduce((n, p) => n + p.file.size, 0);
  if (size > limits.maxTextBytes)
    return { error: `The files hold ${MiB(size)}; this dialog takes up to ${limitText(limits)}.` };
  const texts: ImportText[] = [];
  const skipped: string[] = [];
  for (const p of picked) {
    const text = decode(new Uint8Array(await p.file.arrayBuffer()));
    if (text === null) skipped.push(`${printable(p.name)} (not text)`);
    else texts.push({ name: printable(p.name), text });
  }
  return { texts, skipped };
}

export function ImportPasteDialog({ onClose, limits }: { onClose: () => void; limits: Limits }): JSX.Element {
  const app = useApp();
  const [pasted, setPasted] = useState('');
  const [files, setFiles] = useState<readonly ImportText[]>([]);
  const [skipped, setSkipped] = useState<readonly string[]>([]);
  const [computerName, setComputerName] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [target, setTarget] = useState<'new' | 'open-bundle'>('new');
  const [confirmed, setConfirmed] = useState(false);
  const [over, setOver] = useState(false);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);

  // A preview is of exactly what is in the dialog: every change asks for a new one.
  const changed = (): void => {
    setPreview(null);
    setConfirmed(false);
  };
  useEffect(() => {
    if (preview !== null) previewHeading.current?.focus();
  }, [preview]);
  // The folder picker is a non-standard attribute React does not type. The text area takes focus once the
  // dialog has opened (showModal, in the parent's effect, focuses the first button otherwise).
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
    const timer = setTimeout(() => textArea.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);

  const refuseText = (bytes: number): void =>
    setProblem(`The text is ${MiB(bytes)}; this dialog takes up to ${limitText(limits)}.`);
  const inputs = (): ImportText[] => [
    ...(pasted.trim() === '' ? [] : [{ name: PASTED, text: pasted }]),
    ...files,
  ];
  const name = computerName.trim();
  const request = (): { inputs: ImportText[]; computerName?: string } | null => {
    const all = inputs();
    if (all.length === 0) {
      setProblem('Paste console output or add files first.');
      return null;
    }
    const bytes = all.reduce((n, i) => n + utf8.encode(i.text).length, 0);
    if (bytes > limits.maxTextBytes) {
      refuseText(bytes);
      return null;
    }
    return { inputs: all, ...(name === '' ? {} : { computerName: name }) };
  };

  const addPicked = async (picked: readonly PickedFile[]): Promise<void> => {
    if (picked.length === 0) return;
    setBusy('Reading files');
    setProblem(null);
    const read = await readPicked(picked, limits);
    setBusy(null);
    if ('error' in read) {
      setProblem(read.error);
      return;
    }
    changed();
    setFiles((before) => [...before, ...read.texts]);
    setSkipped(read.skipped);
  };

  const onDrop = (event: DragEvent): void => {
    // The window's own drop opens a bundle by its path: a drop here is an import.
    event.preventDefault();
    event.stopPropagation();
    setOver(false);
    const items = event.dataTransfer.items;
    void (
      items.length > 0 && typeof items[0]?.webkitGetAsEntry === 'function'
        ? droppedFiles(items, limits)
        : Promise.resolve([...event.dataTransfer.files].map((file) => ({ file, name: file.name })))
    ).then(addPicked, (error: unknown) =>
      setProblem(
        `The dropped files could not be read: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  };

  const runPreview = async (): Promise<void> => {
    const body = request();
    if (body === null) return;
    setBusy('Reading the text');
    setProblem(null);
    const result = await api.invoke('import:preview', body);
    setBusy(null);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setPreview(result.value);
    setTarget('new');
  };

  const open = async (): Promise<void> => {
    const body = request();
    if (body === null || preview === null) return;
    setBusy('Writing and opening the bundle');
    setProblem(null);
    const result = await api.invoke('import:open', {
      ...body,
      target,
      ...(target === 'open-bundle' && preview.merge?.kind === 'unnamed'
        ? { confirmSameHost: confirmed }
        : {}),
      operationId: app.newOperationId('open'),
    });
    setBusy(null);
    if (!result.ok) {
      if (result.error.code !== 'cancelled') setProblem(result.error.message);
      return;
    }
    onClose();
    navigate(href(['overview']));
  };

  const merge = preview?.merge ?? null;
  const canOpen =
    preview !== null &&
    busy === null &&
    (target === 'new' || merge?.kind === 'same-host' || (merge?.kind === 'unnamed' && confirmed));

  return (
    <Modal title="Paste or drop console output" onClose={onClose}>
      {/* The whole dialog takes drops: the window's own drop (open a bundle by its path) must not see them. */}
      <div
        className="form import-dialog"
        onDragOver={(e) => {
          e.preventDefault();
          e.stopPropagation();
          if (!over) setOver(true);
        }}
        onDragLeave={(e) => {
          if (e.currentTarget === e.target) setOver(false);
        }}
        onDrop={onDrop}
      >
        <label htmlFor="import-text">
          Console output: <code>docker inspect</code>, <code>Get-NetNatStaticMapping</code>,{' '}
          <code>ipconfig /all</code>, <code>netsh</code> … with the <code>PS C:\&gt;</code> prompt lines,
          several commands at once
        </label>
        <textarea
          id="import-text"
          className="input import-text"
          value={pasted}
          onChange={(e) => {
            // Text over the limit never enters the text area: laying out megabytes of one line hangs the page.
            const bytes = utf8.encode(e.target.value).length;
            if (bytes > limits.maxTextBytes) refuseText(bytes);
            else {
              changed();
              setPasted(e.target.value);
            }
          }}
          onPaste={(e) => {
            const text = e.clipboardData.getData('text/plain');
            const bytes = utf8.encode(text).length + utf8.encode(pasted).length;
            if (bytes > limits.maxTextBytes) {
              e.preventDefault();
              refuseText(bytes);
            }
          }}
          rows={10}
          spellCheck={false}
          ref={textArea}
          aria-describedby="import-limits"
        />
        <div className={over ? 'import-drop import-drop-over' : 'import-drop'}>
          <p>Drop text files or folders here (a saved console log, a collectlogs.ps1 folder), or</p>
          <div className="form-actions">
            <label className="button">
              Choose files…
              <input
                type="file"
                multiple
                className="visually-hidden"
                onChange={(e) => {
                  const list = [...(e.target.files ?? [])].map((file) => ({ file, name: file.name }));
                  e.target.value = '';
                  void addPicked(list);
                }}
              />
            </label>
            <label className="button">
              Choose a folder…
              <input
                ref={folderInput}
                type="file"
                className="visually-hidden"
                onChange={(e) => {
                  const list = [...(e.target.files ?? [])].map((file) => ({
                    file,
                    name: file.webkitRelativePath || file.name,
                  }));
                  e.target.value = '';
                  void addPicked(list);
                }}
              />
            </label>
          </div>
          {files.length > 0 && (
            <div>
              <p>
                {files.length} file{files.length === 1 ? '' : 's'} added{' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    changed();
                    setFiles([]);
                  }}
                >
                  Remove them
                </button>
              </p>
              <ul className="plain-list mono import-files">
                {files.slice(0, 20).map((f, i) => (
                  <li key={`${f.name}-${i}`}>{f.name}</li>
                ))}
                {files.length > 20 && <li className="muted">and {files.length - 20} more</li>}
              </ul>
            </div>
          )}
          {skipped.length > 0 && <p className="muted">Left out: {skipped.join(', ')}</p>}
        </div>
        <p id="import-limits" className="muted">
          Nothing in the text is run or fetched; up to {MiB(limits.maxTextBytes)} in all.
        </p>
        <label htmlFor="import-computer">Computer name, where the text does not tell (optional)</label>
        <input
          id="import-computer"
          className="input"
          value={computerName}
          onChange={(e) => {
            changed();
            setComputerName(e.target.value);
          }}
          spellCheck={false}
        />
        <div className="form-actions">
          <button type="button" className="button" disabled={busy !== null} onClick={() => void runPreview()}>
            Preview
          </button>
        </div>
        <div aria-live="polite" className="muted">
          {busy ?? ''}
        </div>
        {problem !== null && (
          <div className="state state-error" role="alert">
            {problem}
          </div>
        )}
        {preview !== null && (
          <ImportPreviewView
            preview={preview}
            headingRef={previewHeading}
            target={target}
            setTarget={setTarget}
            confirmed={confirmed}
            setConfirmed={setConfirmed}
            bundleOpen={app.bundle !== null}
          />
        )}
        {preview !== null && (
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              disabled={!canOpen}
              onClick={() => void open()}
            >
              {target === 'new' ? 'Open' : 'Add to the open bundle'}
            </button>
          </div>
        )}
      </div>
    </Modal>
  );
}

function ImportPreviewView({
  preview,
  headingRef,
  target,
  setTarget,
  confirmed,
  setConfirmed,
  bundleOpen,
}: {
  preview: ImportPreview;
  headingRef: RefObject<HTMLHeadingElement | null>;
  target: 'new' | 'open-bundle';
  setTarget: (target: 'new' | 'open-bundle') => void;
  confirmed: boolean;
  setConfirmed: (confirmed: boolean) => void;
  bundleOpen: boolean;
}): JSX.Element {
  const merge = preview.merge;
  return (
    <section className="import-preview" aria-labelledby="import-preview-title">
      <h3 id="import-preview-title" tabIndex={-1} ref={headingRef}>
        What was recognised: {preview.blocks.length} block{preview.blocks.length === 1 ? '' : 's'}
      </h3>
      <p>
        Computer:{' '}
        {preview.computerName !== null ? (
          <>
            <strong>{preview.computerName}</strong>{' '}
            <span className="muted">(from {preview.computerNameFrom ?? 'unknown'})</span>
          </>
        ) : (
          <span className="muted">not named in the text</span>
        )}
      </p>
      <ol className="plain-list import-blocks">
        {preview.blocks.map((b) => (
          <li key={b.id} className="import-block">
            <div>
              <span className={b.status === 'converted' ? 'chip chip-good' : 'chip chip-muted'}>
                {b.status === 'converted' ? 'read' : 'not used'}
              </span>{' '}
              <span className="mono">{b.command !== null ? `> ${b.command}` : '(no command line)'}</span>{' '}
              <span className="muted">
                {b.input}:{b.line}
              </span>
            </div>
            <div>
              {b.title}: {b.rows} row{b.rows === 1 ? '' : 's'}
              {b.files.length > 0 && <span className="muted"> → {b.files.join(', ')}</span>}
            </div>
            {b.reason !== null && <div className="muted">{b.reason}</div>}
            {b.warnings.length > 0 && (
              <ul className="import-warnings">
                {b.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {preview.probes.some((p) => p.partial.length > 0) && (
        <>
          <h4>Read with fewer fields than the probe collects</h4>
          <ul className="import-warnings">
            {preview.probes.flatMap((p) =>
              p.partial.map((missing, i) => (
                <li key={`${p.id}-${i}`}>
                  {p.title}: {missing}
                </li>
              )),
            )}
          </ul>
        </>
      )}
      <details>
        <summary>What stays unknown ({preview.unknown.length} probes not in the text)</summary>
        <ul className="plain-list import-unknown">
          {preview.unknown.map((title) => (
            <li key={title}>{title}</li>
          ))}
        </ul>
      </details>
      {bundleOpen && merge !== null && (
        <fieldset className="fieldset">
          <legend>Open as</legend>
          <label className="radio">
            <input
              type="radio"
              name="import-target"
              checked={target === 'new'}
              onChange={() => setTarget('new')}
            />
            <span>A bundle of its own</span>
          </label>
          <label className="radio">
            <input
              type="radio"
              name="import-target"
              checked={target === 'open-bundle'}
              disabled={merge.kind === 'different-host'}
              aria-describedby="import-merge-note"
              onChange={() => setTarget('open-bundle')}
            />
            <span>
              Added to the open bundle (what the bundle collected is kept; the text fills what it lacks)
            </span>
          </label>
          <p id="import-merge-note" className={merge.kind === 'different-host' ? 'state-error' : 'muted'}>
            {merge.kind === 'same-host'
              ? `Same host: ${merge.computerName}.`
              : merge.kind === 'unnamed'
                ? 'The text does not name its computer.'
                : merge.message}
          </p>
          {merge.kind === 'unnamed' && target === 'open-bundle' && (
            <label className="checkbox">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
              <span>This is output from {merge.computerName ?? 'the open bundle’s host'}</span>
            </label>
          )}
        </fieldset>
      )}
    </section>
  );
}
