// Polling for tests: wait for a condition instead of sleeping a fixed time and hoping.

/** Polls `check` every 50 ms until it returns something other than undefined (errors count as not yet). */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, limitMs = 60_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
