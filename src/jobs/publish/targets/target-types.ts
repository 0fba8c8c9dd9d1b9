import { z } from "zod";
import { homebrewTarget, HomebrewTargetSchema } from "./homebrew";
import { npmTarget, NpmTargetSchema } from "./npm";
import { pypiTarget, PypiTargetSchema } from "./pypi";
import { s3Target, S3TargetSchema } from "./s3";

/** Every target type, by the `type` a config names. */
export const TARGET_TYPES = {
  npm: npmTarget,
  pypi: pypiTarget,
  s3: s3Target,
  homebrew: homebrewTarget,
} as const;

/** One entry of `publish.targets`: its `type` picks the schema. */
export const PublishTargetSchema = z.discriminatedUnion("type", [NpmTargetSchema, PypiTargetSchema, S3TargetSchema, HomebrewTargetSchema]);

export type PublishTargetConfig = z.output<typeof PublishTargetSchema>;
export type TargetType = keyof typeof TARGET_TYPES;
