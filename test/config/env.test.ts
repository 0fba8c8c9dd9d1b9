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

  it("reads SITE_DOMAIN as a host name in lower case, a port allowed, and refuses anything else", () => {
    expect(parseEnv({ SITE_DOMAIN: "Previews.Example.com" }).SITE_DOMAIN).toBe("previews.example.com");
    expect(parseEnv({ SITE_DOMAIN: "localhost:3000" }).SITE_DOMAIN).toBe("localhost:3000");
    expect(() => parseEnv({ SITE_DOMAIN: "https://previews.example.com" })).toThrow(/SITE_DOMAIN: must be a host name such as previews\.example\.com/);
    expect(() => parseEnv({ SITE_DOMAIN: "*.previews.example.com" })).toThrow(/SITE_DOMAIN/);
  });

  it("wants both halves of the GitHub App's OAuth credentials, and a session key long enough", () => {
    expect(parseEnv({ GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "secret" })).toMatchObject({ GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "secret" });
    expect(() => parseEnv({ GITHUB_CLIENT_ID: "Iv1.abc" })).toThrow(/GITHUB_CLIENT_SECRET: is required with the other half/);
    expect(() => parseEnv({ GITHUB_CLIENT_SECRET: "secret" })).toThrow(/GITHUB_CLIENT_ID: is required/);
    expect(() => parseEnv({ SLIPWAY_SESSION_KEY: "too-short" })).toThrow(/SLIPWAY_SESSION_KEY: must be at least 32 characters/);
  });

  it("updates a propagation campaign's check run every 30 seconds unless SLIPWAY_CAMPAIGN_REPORT_SECONDS says otherwise", () => {
    expect(parseEnv({}).SLIPWAY_CAMPAIGN_REPORT_SECONDS).toBe(30);
    expect(parseEnv({ SLIPWAY_CAMPAIGN_REPORT_SECONDS: "5" }).SLIPWAY_CAMPAIGN_REPORT_SECONDS).toBe(5);
    expect(() => parseEnv({ SLIPWAY_CAMPAIGN_REPORT_SECONDS: "0" })).toThrow(/SLIPWAY_CAMPAIGN_REPORT_SECONDS/);
  });
});
