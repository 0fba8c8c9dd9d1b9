import { TARGET_TYPES } from "./target-types";
import type { PublishTargetConfig } from "./target-types";
import type { CredentialsVerified, PreparedPublish, ProbeResult, PublishResult, TargetDescriptor, TargetRunContext } from "./common/target";

/** A target bound to its name and config: what the publish job holds for each entry of `publish.targets`. */
export interface PublishTarget {
  name: string;
  config: PublishTargetConfig;
  verifyCredentials(ctx: TargetRunContext): Promise<CredentialsVerified>;
  prepare(ctx: TargetRunContext): Promise<PreparedPublish>;
  /** `prepared` must come from this target's `prepare`. */
  probe(ctx: TargetRunContext, prepared: PreparedPublish): Promise<ProbeResult>;
  publish(ctx: TargetRunContext, prepared: PreparedPublish): Promise<PublishResult>;
}

/** Thrown when a prepared value is handed to a target that did not prepare it: a bug in the caller. */
export class ForeignPreparedError extends Error {
  override name = "ForeignPreparedError";
}

function bind<Type extends string, Config extends { type: Type }, Prepared extends PreparedPublish>(
  descriptor: TargetDescriptor<Type, Config, Prepared>,
  name: string,
  config: Config,
  whole: PublishTargetConfig,
): PublishTarget {
  // The job holds prepared values without knowing their type; each bound target finds its own again.
  const mine = new WeakMap<PreparedPublish, Prepared>();
  const own = (prepared: PreparedPublish): Prepared => {
    const found = mine.get(prepared);
    if (!found) throw new ForeignPreparedError(`the prepared value passed to target ${name} was not prepared by it`);
    return found;
  };
  const withConfig = (ctx: TargetRunContext) => ({ ...ctx, name, config });
  return {
    name,
    config: whole,
    verifyCredentials: (ctx) => descriptor.verifyCredentials(withConfig(ctx)),
    prepare: async (ctx) => {
      const prepared = await descriptor.prepare(withConfig(ctx));
      mine.set(prepared, prepared);
      return prepared;
    },
    probe: async (ctx, prepared) => descriptor.probe(withConfig(ctx), own(prepared)),
    publish: async (ctx, prepared) => descriptor.publish(withConfig(ctx), own(prepared)),
  };
}

/** The target for one entry of `publish.targets`, whatever its type. */
export function bindTarget(name: string, config: PublishTargetConfig): PublishTarget {
  switch (config.type) {
    case "npm":
      return bind(TARGET_TYPES.npm, name, config, config);
    case "pypi":
      return bind(TARGET_TYPES.pypi, name, config, config);
    case "s3":
      return bind(TARGET_TYPES.s3, name, config, config);
    case "homebrew":
      return bind(TARGET_TYPES.homebrew, name, config, config);
  }
}
