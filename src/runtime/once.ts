/**
 * Builds a value once, on first use, caching the *promise* so concurrent first calls share
 * one build and a reused Lambda container never builds twice. A failed build (a throttled SSM
 * read, say) is not cached: the next call tries again.
 */
export function once<T>(build: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    cached ??= build().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}
