// Tests that need a real part (PowerShell, the Podman-served Docker API, Chromium) call this once at the
// top of the file. Where the part is missing they skip with the reason printed; with
// HOSTSCOPE_REQUIRE_REAL=1 (set by .ci/run) a missing part fails the run instead.

/** `missing` is null when the part is there, or the reason it is not. Returns whether to run. */
export function realPart(part: string, missing: string | null): boolean {
  if (missing === null) return true;
  const message = `${part} is not available here: ${missing}`;
  if (process.env.HOSTSCOPE_REQUIRE_REAL === '1') {
    throw new Error(`${message} (HOSTSCOPE_REQUIRE_REAL=1 turns this skip into a failure)`);
  }
  console.warn(`[skip] ${message}`);
  return false;
}
