// What an engine error says, taken from the engine and not from the HTTP client's own labels.
import { describe, expect, it } from 'vitest';
import { engineMessage } from '../../../src/collect/docker/engine-errors';

describe('engineMessage', () => {
  it('drops the label docker-modem puts before the engine cause of a refused stream request', () => {
    // docker-modem labels every 500 of exec start "container not running": taken at its word, a command that
    // failed to start would read as a container that stopped, and be left out.
    const message =
      '(HTTP code 500) container not running - container c49fea74 encountered an error during hcsshim::System::CreateProcess: The system cannot find the file specified. (0x2) ';
    expect(engineMessage({ statusCode: 500, message, json: null })).toBe(
      'container c49fea74 encountered an error during hcsshim::System::CreateProcess: The system cannot find the file specified. (0x2)',
    );
  });

  it("prefers the engine's JSON message, and keeps a message without the label whole", () => {
    expect(
      engineMessage({
        statusCode: 409,
        message: '(HTTP code 409) x - y',
        json: { message: 'is not running' },
      }),
    ).toBe('is not running');
    expect(engineMessage({ message: 'connect ENOENT /var/run/docker.sock' })).toBe(
      'connect ENOENT /var/run/docker.sock',
    );
  });
});
