// A port on 127.0.0.1 that accepts every connection and closes it at once: what the active checks of issue 14
// connect to when a test wants "connected" for real.
import { createServer } from 'node:net';

export interface AcceptingListener {
  readonly port: number;
  close(): void;
}

export function acceptingListener(): Promise<AcceptingListener> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.end());
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || address === null) {
        server.close();
        reject(new Error('the listener has no port'));
        return;
      }
      resolve({ port: address.port, close: () => void server.close() });
    });
  });
}
