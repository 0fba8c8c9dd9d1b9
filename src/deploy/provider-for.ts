import { artifactProvider } from "../providers/artifact/artifact-provider";
import type { BuildProvider, BuildSource } from "../providers/build-provider";
import { staticProvider } from "../providers/static/static-provider";

/** The provider that produces builds from this kind of source. */
export function providerFor(source: BuildSource): BuildProvider {
  return source.artifact === undefined ? staticProvider : artifactProvider;
}
