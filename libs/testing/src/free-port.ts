import { createServer } from 'node:net';

/**
 * Returns a TCP port of 127.0.0.1 that was free a moment ago (bound to port 0, then released), for a child
 * process or server a test starts. Another process may take it in between; tests retry or fail loudly.
 * Thrown when the loopback interface cannot be bound.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
