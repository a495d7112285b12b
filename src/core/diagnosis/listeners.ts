// Whether a socket waits for connections, and whether only the machine itself can reach it: one rule for the
// host's endpoints (host.tcp) and the container's netstat (container.listeners).

import { bareAddress } from './addresses';

/**
 * Every UDP socket waits; a TCP socket waits in state `Listen`, which the parsers write for netstat's
 * `LISTENING`/`LISTEN` in any language (core/parse/text.ts). `LISTENING` and the raw enum 2 (MIB_TCP_STATE_LISTEN)
 * are the spellings a probe might still give.
 */
export function isListening(socket: {
  readonly protocol: 'tcp' | 'udp';
  readonly state: string | null;
}): boolean {
  if (socket.protocol === 'udp') return true;
  const state = socket.state;
  return state !== null && (state === 'Listen' || /^\s*listen/i.test(state) || state.trim() === '2');
}

/** 127.0.0.0/8, ::1 or `localhost`: a socket bound there answers only the machine it runs on. */
export function isLoopback(address: string): boolean {
  const bare = bareAddress(address);
  return /^(127\.|::1$|\[::1\]$)/.test(bare) || bare === 'localhost';
}
