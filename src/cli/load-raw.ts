import type { RawBundle } from '../shared/bundle';
import type { HostModel } from '../shared/model';
import { BundleError } from '../core/bundle/errors';
import { buildHostModel } from '../core/host-model';
import { readBundle } from '../collect/bundle-reader';
import { CliError, EXIT } from './context';

/** The raw files of a bundle (redaction seeds its pseudonyms from them); unreadable ends the command with exit code 3. */
export async function loadRawBundle(path: string): Promise<RawBundle> {
  try {
    return await readBundle(path);
  } catch (error) {
    if (error instanceof BundleError) throw new CliError(error.message, EXIT.unreadableBundle);
    throw error;
  }
}

/** Like loadHostModel, for commands that also need the raw files. */
export async function loadRawAndModel(
  path: string,
): Promise<{ readonly raw: RawBundle; readonly model: HostModel }> {
  const raw = await loadRawBundle(path);
  try {
    return { raw, model: buildHostModel(raw) };
  } catch (error) {
    if (error instanceof BundleError) throw new CliError(error.message, EXIT.unreadableBundle);
    throw error;
  }
}
