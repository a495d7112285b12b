// Build facts as the knowledge notes give them (section 1): what is confirmed is yes or no, the rest unknown.
import { describe, expect, it } from 'vitest';
import { natLoopback, routingMesh } from '../../../src/core/diagnosis';

describe('natLoopback', () => {
  it.each([
    [14393, 'no'],
    [16299, 'no'],
    // Loopback reached Insider builds in November 2017: builds after 16299 and before 17763 are unconfirmed.
    [17025, 'unknown'],
    [17134, 'unknown'],
    [17763, 'yes'],
    [20348, 'yes'],
  ])('build %i: %s', (build, status) => {
    expect(natLoopback(build)).toBe(status);
  });
});

describe('routingMesh', () => {
  it.each([
    [14393, 'no'],
    [16299, 'yes'],
    [17763, 'yes'],
  ])('build %i: %s', (build, status) => {
    expect(routingMesh(build)).toBe(status);
  });
});
