/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // nock keeps its HTTP interceptor on the global scope for the whole worker; jest 30's
  // clean-up of globals between files would only warn about it on every file.
  testEnvironmentOptions: { globalsCleanup: "off" },
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { target: "es2022" } }] },
  globalSetup: "<rootDir>/test/servers/global-setup.mjs",
  globalTeardown: "<rootDir>/test/servers/global-teardown.mjs",
  setupFilesAfterEnv: ["<rootDir>/test/setup-after-env.ts"],
  testTimeout: 30000,
  maxWorkers: 2,
  // A backstop: a worker that has grown past this (large suites leave much for the collector)
  // is replaced before its next file, instead of slowing down collecting garbage.
  workerIdleMemoryLimit: "700MB",
};
