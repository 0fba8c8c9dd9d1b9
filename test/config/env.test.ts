import { EnvironmentVariableError, parseEnv } from "../../src/config/env";

describe("parseEnv", () => {
  it("runs everything embedded by default, with the site under the local server", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, SLIPWAY_STORE: "embedded", SLIPWAY_QUEUE: "embedded", SLIPWAY_BLOBS: "folder", SLIPWAY_DATA_DIR: "./.slipway" });
    expect(env.SITE_BASE_URL).toBe("http://localhost:3000/sites");
  });

  it("reads SLIPWAY_SEALING_KEY as it is, and leaves it unset (the local key file) when empty", () => {
    expect(parseEnv({ SLIPWAY_SEALING_KEY: "a2V5MQ==,a2V5Mg==" }).SLIPWAY_SEALING_KEY).toBe("a2V5MQ==,a2V5Mg==");
    expect(parseEnv({ SLIPWAY_SEALING_KEY: "" }).SLIPWAY_SEALING_KEY).toBeUndefined();
  });

  it("names the bad variable and why", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(EnvironmentVariableError);
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(/PORT: /);
    expect(() => parseEnv({ SLIPWAY_QUEUE: "sqs" })).toThrow(/SLIPWAY_QUEUE_URL: is required when SLIPWAY_QUEUE=sqs/);
    expect(() => parseEnv({ SLIPWAY_BLOBS: "s3" })).toThrow(/SLIPWAY_BUCKET: is required when SLIPWAY_BLOBS=s3/);
  });

  it("treats empty values as unset and drops a trailing slash from SITE_BASE_URL", () => {
    expect(parseEnv({ PORT: "", SITE_BASE_URL: "https://previews.example.com/" }).SITE_BASE_URL).toBe("https://previews.example.com");
  });
});
