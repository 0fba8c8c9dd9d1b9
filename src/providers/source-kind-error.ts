/** A provider was handed a source of another kind: `providerFor` chose the wrong provider. */
export class SourceKindError extends Error {
  override name = "SourceKindError";
  constructor(provider: string, source: unknown) {
    super(`The ${provider} provider cannot produce a build from the source ${JSON.stringify(source)}.`);
  }
}
