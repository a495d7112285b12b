import { Readable } from 'node:stream';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { demultiplex } from '../../../src/collect/docker/engine-client';

/** The engine's multiplexed exec stream: 8-byte headers (stream 1 stdout, 2 stderr, big-endian size). */
function frames(parts: readonly [1 | 2, string][]): Readable {
  return Readable.from(
    parts.map(([stream, text]) => {
      const body = Buffer.from(text);
      const header = Buffer.alloc(8);
      header[0] = stream;
      header.writeUInt32BE(body.length, 4);
      return Buffer.concat([header, body]);
    }),
  );
}

// dockerode's own demultiplexer; no connection is made.
const docker = new Docker({ socketPath: '/nonexistent' });

describe('demultiplex', () => {
  it('splits stdout from stderr', async () => {
    const result = await demultiplex(
      docker,
      frames([
        [1, 'TCP 0.0.0.0:80\n'],
        [2, 'warning\n'],
        [1, 'UDP\n'],
      ]),
      new AbortController().signal,
    );
    expect(Buffer.from(result.stdout).toString()).toBe('TCP 0.0.0.0:80\nUDP\n');
    expect(Buffer.from(result.stderr).toString()).toBe('warning\n');
  });

  it('stops reading a command that prints past the limit', async () => {
    const chatty = frames(Array.from({ length: 100 }, () => [1, 'x'.repeat(1000)] as [1, string]));
    await expect(demultiplex(docker, chatty, new AbortController().signal, 10_000)).rejects.toThrow(
      /more than 10000 bytes/,
    );
  });
});
