import picomatch from "picomatch";
import { z } from "zod";

/** Target names, as keys of `publish.targets` and entries of `needs`. */
export const TARGET_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** A reference to a secret of the `secrets:` map, by its name. */
export const secretName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be the name of a secret under `secrets:` (letters, digits and '_'), not the secret itself");

/**
 * A glob matched against release asset names (`*.whl`, `site-*-darwin-arm64.tar.gz`). Asset
 * names have no folders, so a `/` can never match; unbalanced brackets are refused rather than
 * read literally.
 */
export const assetGlob = z
  .string()
  .min(1)
  .refine((glob) => !glob.includes("/"), "release asset names have no folders: remove the '/'")
  .refine((glob) => {
    try {
      picomatch.makeRe(glob, { strictBrackets: true });
      return true;
    } catch {
      return false;
    }
  }, "is not a valid glob (check its brackets and braces)");

/** The key every target type shares: the targets that must succeed before this one runs. */
export const needs = z
  .array(z.string().regex(TARGET_NAME_PATTERN, "must be the name of another target under publish.targets"))
  .default([])
  .describe("Targets that must succeed before this one runs; if one fails, this one is blocked.");

/**
 * A folder of the repository: relative, `/`-separated, without `..` (`packages/core`, `.`).
 * Checked here so a bad value is a config problem, not a surprise when the archive is read.
 */
export const repositoryFolder = z
  .string()
  .trim()
  .min(1)
  .transform((dir) => dir.replace(/^\.\/+/, "").replace(/\/+$/, "") || ".")
  .refine((dir) => !dir.startsWith("/") && !dir.includes("\\") && !dir.split("/").includes(".."), {
    message: "must be a folder inside the repository (relative, without '..')",
  });
