/**
 * Loads tslab's converter with a lean program factory.
 *
 * tslab drives a TypeScript watch program whose default factory builds an
 * EmitAndSemanticDiagnosticsBuilderProgram: for every program (two per cell) it walks the
 * reference graph of every source file, some 700 declaration files once tfjs and danfo are in
 * the context. The converter uses none of that incremental state (it checks and emits the
 * cell's own file), and the walk plus its garbage cost 40-50 ms per cell here. A plain
 * Program, created with the previous one as `oldProgram` so parsed and bound files are reused,
 * serves the same calls.
 *
 * tslab takes no factory option, and the TypeScript module's exports are read-only getters, so
 * the converter is loaded while the module cache holds a copy of `ts` whose
 * `createWatchCompilerHost` supplies the factory. Nothing else changes.
 */
import type * as TS from "typescript";

type Converter = typeof import("tslab/dist/converter");

export function loadTslabConverter(): Converter {
  const tsPath = require.resolve("@tslab/typescript-for-tslab", { paths: [require.resolve("tslab/dist/converter")] });
  const ts = require(tsPath) as typeof TS;
  const cached = require.cache[tsPath]!;
  cached.exports = withLeanWatchHost(ts);
  try {
    return require("tslab/dist/converter") as Converter;
  } finally {
    cached.exports = ts;
  }
}

function withLeanWatchHost(ts: typeof TS): typeof TS {
  const copy = {} as Record<string, unknown>;
  for (const key of Object.keys(ts)) Object.defineProperty(copy, key, { enumerable: true, configurable: true, get: () => (ts as unknown as Record<string, unknown>)[key] });
  const createHost = ts.createWatchCompilerHost as (...args: unknown[]) => unknown;
  Object.defineProperty(copy, "createWatchCompilerHost", {
    enumerable: true,
    value: (rootFiles: unknown, options: unknown, system: unknown, createProgram: unknown, ...rest: unknown[]) =>
      createHost(rootFiles, options, system, createProgram ?? leanProgramFactory(ts), ...rest),
  });
  return copy as unknown as typeof TS;
}

/** A `CreateProgram` that returns a plain Program dressed as the builder program tslab expects. */
function leanProgramFactory(ts: typeof TS): TS.CreateProgram<TS.EmitAndSemanticDiagnosticsBuilderProgram> {
  return (rootNames, options, host, oldBuilder, configFileParsingDiagnostics, projectReferences) => {
    const program = ts.createProgram({
      rootNames: rootNames ?? [],
      options: options ?? {},
      host,
      oldProgram: oldBuilder?.getProgram(),
      configFileParsingDiagnostics,
      projectReferences,
    });
    // tslab reads the cell's top-level names from the binder before it asks for diagnostics.
    program.getTypeChecker();
    return asBuilderProgram(program);
  };
}

function asBuilderProgram(program: TS.Program): TS.EmitAndSemanticDiagnosticsBuilderProgram {
  const builder = {
    // The watch program asks a builder for its state only to list the program's files.
    getState: () => ({ fileInfos: new Map(program.getSourceFiles().map((f) => [(f as unknown as { path: string }).path, {}])) }),
    getProgram: () => program,
    getProgramOrUndefined: () => program,
    releaseProgram: () => undefined,
    getCompilerOptions: () => program.getCompilerOptions(),
    getSourceFile: (name: string) => program.getSourceFile(name),
    getSourceFiles: () => program.getSourceFiles(),
    getOptionsDiagnostics: (token?: TS.CancellationToken) => program.getOptionsDiagnostics(token),
    getGlobalDiagnostics: (token?: TS.CancellationToken) => program.getGlobalDiagnostics(token),
    getConfigFileParsingDiagnostics: () => program.getConfigFileParsingDiagnostics(),
    getSyntacticDiagnostics: (file?: TS.SourceFile, token?: TS.CancellationToken) => program.getSyntacticDiagnostics(file, token),
    getDeclarationDiagnostics: (file?: TS.SourceFile, token?: TS.CancellationToken) => program.getDeclarationDiagnostics(file, token),
    getSemanticDiagnostics: (file?: TS.SourceFile, token?: TS.CancellationToken) => program.getSemanticDiagnostics(file, token),
    emit: (...args: Parameters<TS.Program["emit"]>) => program.emit(...args),
    emitBuildInfo: () => ({ emitSkipped: true, diagnostics: [] }),
    // tslab checks and emits a cell's local .ts/.js imports as "side inputs"; cells run through
    // Node's require, which cannot load .ts, so only the cell itself is checked and emitted.
    getAllDependencies: (file: TS.SourceFile) => [file.fileName],
    getCurrentDirectory: () => program.getCurrentDirectory(),
    close: () => undefined,
  };
  return builder as unknown as TS.EmitAndSemanticDiagnosticsBuilderProgram;
}
