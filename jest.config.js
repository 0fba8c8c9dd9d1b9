/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  globalSetup: "<rootDir>/test/servers/global-setup.mjs",
  globalTeardown: "<rootDir>/test/servers/global-teardown.mjs",
  setupFilesAfterEnv: ["<rootDir>/test/setup-after-env.ts"],
  testTimeout: 30000,
  maxWorkers: 2,
};
