/** Tests are TypeScript, transpiled only here (`npm test` type-checks them first: test/tsconfig.json); protocol tests spawn dist/. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true, diagnostics: false }] },
  testTimeout: 60000,
};
