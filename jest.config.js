/** Tests are TypeScript, transpiled only (the build type-checks src/); protocol tests spawn dist/. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true, diagnostics: false }] },
  testTimeout: 60000,
};
