import type { RawBundle } from '../shared/bundle';
import type { HostModel } from '../shared/model';
import { BundleError } from '../core/bundle/errors';
import { buildHostModel } from '../core/host-model';
import { NODE_MODEL_OPTIONS } from '../collect/ascii-text';
import { readBundle } from '../collect/bundle-reader';
import { CliError, EXIT } from './context';

/** An unreadable bundle ends the command with exit code 3 and the reader's message. */
function asCliError(error: unknown): unknown {
  return error instanceof BundleError ? new CliError(error.message, EXIT.unreadableBundle) : error;
}

/** The raw files of a bundle (redaction seeds its pseudonyms from them). */
export async function loadRawBundle(path: string): Promise<RawBundle> {
  try {
    return await readBundle(path);
  } catch (error) {
    throw asCliError(error);
  }
}

/** For commands that need the raw files and the model. */
export async function loadRawAndModel(
  path: string,
): Promise<{ readonly raw: RawBundle; readonly model: HostModel }> {
  const raw = await loadRawBundle(path);
  try {
    return { raw, model: buildHostModel(raw, NODE_MODEL_OPTIONS) };
  } catch (error) {
    throw asCliError(error);
  }
}

export async function loadHostModel(path: string): Promise<HostModel> {
  return (await loadRawAndModel(path)).model;
}
