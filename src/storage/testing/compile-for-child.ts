// Compiles a TypeScript module and everything it imports to JavaScript in a directory, so a test can run it in a
// child process (Node 20 cannot run TypeScript, and tests must not depend on a fresh build of the package).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\2/g;

/**
 * Compiles `entryFile` (a .ts path under `sourceRoot`) and its relative imports into `outDir`, keeping their
 * layout. Package imports are rewritten to absolute file URLs so the output runs from any directory.
 * Returns the path of the compiled entry.
 */
export function compileForChild(entryFile: string, sourceRoot: string, outDir: string): string {
  const requireFromRoot = createRequire(path.join(sourceRoot, 'package-resolution-anchor.js'));
  const pending = [path.resolve(entryFile)];
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    }).outputText;
    const rewritten = output.replace(SPECIFIER, (whole, prefix: string, quote: string, specifier: string) => {
      if (specifier.startsWith('.')) {
        pending.push(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
        return whole;
      }
      if (specifier.startsWith('node:')) return whole;
      const resolved = pathToFileURL(requireFromRoot.resolve(specifier)).href;
      return `${prefix}${quote}${resolved}${quote}`;
    });
    const target = path.join(outDir, path.relative(sourceRoot, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, rewritten);
  }
  return path.join(outDir, path.relative(sourceRoot, entryFile)).replace(/\.ts$/, '.js');
}
