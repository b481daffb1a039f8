/** Tests are TypeScript, transpiled only here (`npm test` type-checks them first: test/tsconfig.json); protocol tests spawn dist/. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // test/jupyterlab is a browser app with its own node_modules (installed only by CI).
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/jupyterlab/"],
  modulePathIgnorePatterns: ["<rootDir>/test/jupyterlab/"],
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true, diagnostics: false }] },
  testTimeout: 60000,
};
