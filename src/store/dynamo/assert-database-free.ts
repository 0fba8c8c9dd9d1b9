import { createRequire } from "node:module";

/**
 * Raised when the embedded server's LevelDB folder is held by another process (usually a
 * running `npm start`): LevelDB lets one process open a folder at a time.
 */
export class EmbeddedDynamoLockedError extends Error {
  override name = "EmbeddedDynamoLockedError";
}

interface LevelDatabase {
  open(): Promise<void>;
  close(): Promise<void>;
}

type LevelConstructor = new (location: string) => LevelDatabase;

function isLevelModule(value: unknown): value is { Level: LevelConstructor } {
  return typeof value === "object" && value !== null && "Level" in value && typeof value.Level === "function";
}

function loadLevel(): LevelConstructor | undefined {
  try {
    const level: unknown = createRequire(require.resolve("dynalite"))("level");
    return isLevelModule(level) ? level.Level : undefined;
  } catch {
    return undefined;
  }
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

/**
 * Fails with `EmbeddedDynamoLockedError` when another process holds the LevelDB folder at
 * `path`. dynalite opens its folder lazily and, when the open fails, throws "Database is
 * closed" from inside its request handler, taking the whole process down on the first request;
 * opening the folder once beforehand turns that into an error the caller can explain. The
 * LevelDB package is loaded from dynalite's own dependencies, so it is the same binding.
 */
export async function assertDatabaseFree(path: string): Promise<void> {
  const Level = loadLevel();
  // A future dynalite on another LevelDB package: skip the check rather than refuse to start.
  if (!Level) return;
  const database = new Level(path);
  try {
    await database.open();
  } catch (error) {
    const cause = typeof error === "object" && error !== null && "cause" in error ? error.cause : undefined;
    if (errorCode(error) === "LEVEL_LOCKED" || errorCode(cause) === "LEVEL_LOCKED") {
      throw new EmbeddedDynamoLockedError(
        `The embedded DynamoDB data in ${path} is in use by another process (a running \`npm start\`?); stop that process first, or point SLIPWAY_DATA_DIR at another folder.`,
      );
    }
    throw error;
  }
  await database.close();
}
