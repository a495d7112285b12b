// What went wrong, as text: anything can be thrown, and an Error's message may be empty.

/** The message of an Error (its name where the message is empty), or the thrown value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
