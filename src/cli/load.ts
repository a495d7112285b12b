import type { HostModel } from '../shared/model';
import { BundleError } from '../core/bundle/errors';
import { buildHostModel } from '../core/host-model';
import { readBundle } from '../collect/bundle-reader';
import { CliError, EXIT } from './context';

/** Reads and models a bundle; an unreadable bundle ends the command with exit code 3. */
export async function loadHostModel(path: string): Promise<HostModel> {
  try {
    return buildHostModel(await readBundle(path));
  } catch (error) {
    if (error instanceof BundleError) throw new CliError(error.message, EXIT.unreadableBundle);
    throw error;
  }
}
