// Deterministic identifiers and numbers: every id is derived from a seed string, so a re-run writes the same bytes.
import { createHash } from 'node:crypto';

function digest(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** A 64-hex id as Docker gives containers, networks, images and endpoints. */
export function hex64(seed: string): string {
  return digest(seed);
}

/** A version-4-shaped GUID, lower case. */
export function guid(seed: string): string {
  const h = digest(`guid:${seed}`);
  const variant = '89ab'[parseInt(h[16]!, 16) & 3]!;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Swarm object ids: 25 characters of [0-9a-z]. */
export function swarmId(seed: string): string {
  let n = BigInt(`0x${digest(`swarm:${seed}`)}`);
  let out = '';
  while (out.length < 25) {
    out += (n % 36n).toString(36);
    n /= 36n;
  }
  return out;
}

/** A Hyper-V MAC (00:15:5d prefix) as Docker prints it. */
export function mac(seed: string): string {
  const h = digest(`mac:${seed}`);
  return ['00', '15', '5d', h.slice(0, 2), h.slice(2, 4), h.slice(4, 6)].join(':');
}

/** The same MAC as HNS and Get-NetAdapter print it: upper case, dashes. */
export function macDashed(colonMac: string): string {
  return colonMac.toUpperCase().replaceAll(':', '-');
}

/** mulberry32: a small seeded generator for PIDs, sizes and durations. */
export class Rng {
  private state: number;

  constructor(seed: string) {
    this.state = parseInt(digest(`rng:${seed}`).slice(0, 8), 16) >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}
