import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

/**
 * The architecture, checked: which package may import which (DESIGN.md's picture), every
 * import declared in the importing package's package.json, no relative import that leaves
 * its package, and tsconfig project references that match the declared arrows. Read from
 * the files themselves, so a new import or dependency that breaks the picture fails here
 * with the file that broke it.
 */

const ROOT = path.resolve(__dirname, '..');

/** Who may depend on whom, exactly: a missing arrow fails as much as an extra one. */
const ALLOWED: Record<string, readonly string[]> = {
  '@samsa/cli': ['@samsa/broker', '@samsa/controller', '@samsa/client', '@samsa/metadata', '@samsa/protocol', '@samsa/common'],
  '@samsa/broker': ['@samsa/metadata', '@samsa/storage', '@samsa/protocol', '@samsa/common'],
  '@samsa/controller': ['@samsa/metadata', 'raft-ts', '@samsa/protocol', '@samsa/common'],
  '@samsa/metadata': ['@samsa/protocol'],
  '@samsa/storage': ['@samsa/protocol', '@samsa/common'],
  '@samsa/client': ['@samsa/protocol'],
  '@samsa/protocol': [],
  '@samsa/common': [],
  'raft-ts': [],
};

/**
 * Arrows that only tests take, each a devDependency with its reason. Nothing that ships
 * follows them.
 */
const TEST_ONLY: Record<string, readonly string[]> = {
  // The data-plane integration test opens each replica's log from disk to compare them.
  '@samsa/cli': ['@samsa/storage'],
};

interface Workspace {
  readonly name: string;
  readonly directory: string;
  readonly dependencies: ReadonlySet<string>;
  readonly devDependencies: ReadonlySet<string>;
  readonly references: readonly string[];
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function workspaces(): Workspace[] {
  const globs = readJson(path.join(ROOT, 'package.json'))['workspaces'] as string[];
  return globs.map((relative) => {
    const directory = path.join(ROOT, relative);
    const manifest = readJson(path.join(directory, 'package.json'));
    const tsconfig = readJson(path.join(directory, 'tsconfig.json'));
    const references = ((tsconfig['references'] as { path: string }[] | undefined) ?? []).map((reference) => path.resolve(directory, reference.path));
    return {
      name: manifest['name'] as string,
      directory,
      dependencies: new Set(Object.keys((manifest['dependencies'] as object | undefined) ?? {})),
      devDependencies: new Set(Object.keys((manifest['devDependencies'] as object | undefined) ?? {})),
      references,
    };
  });
}

function sourceFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

/** Every module specifier: static and dynamic imports, re-exports, require and jest.mock. */
export function importedModules(source: string): string[] {
  const specifiers: string[] = [];
  const patterns = [/\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g, /\b(?:import|require|jest\.mock|jest\.requireActual)\(\s*['"]([^'"]+)['"]/g];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

const BUILTINS = new Set(builtinModules);
const isTestFile = (file: string) => /\.test\.ts$/.test(file) || file.split(path.sep).some((part) => part === 'test-support' || part === 'testing' || part === 'integration');

const ours = workspaces();
const byName = new Map(ours.map((workspace) => [workspace.name, workspace]));
const rootDevDependencies = new Set(Object.keys((readJson(path.join(ROOT, 'package.json'))['devDependencies'] as object) ?? {}));

test('every workspace is in the picture, and the picture names only workspaces', () => {
  expect(ours.map((workspace) => workspace.name).sort()).toEqual(Object.keys(ALLOWED).sort());
});

describe.each(ours.map((workspace) => [workspace.name, workspace] as const))('%s', (name, workspace) => {
  const internal = (dependency: string) => byName.has(dependency);

  test('declares exactly the arrows of the picture', () => {
    expect([...workspace.dependencies].filter(internal).sort()).toEqual([...ALLOWED[name]!].sort());
    expect([...workspace.devDependencies].filter(internal).sort()).toEqual([...(TEST_ONLY[name] ?? [])].sort());
  });

  test('tsconfig references the packages it depends on, and no others', () => {
    const expected = [...workspace.dependencies, ...workspace.devDependencies].filter(internal).map((dependency) => byName.get(dependency)!.directory);
    expect([...workspace.references].sort()).toEqual(expected.sort());
  });

  test('imports only what it declares, and never reaches into another package by path', () => {
    const problems: string[] = [];
    for (const file of sourceFiles(path.join(workspace.directory, 'src'))) {
      const where = path.relative(ROOT, file);
      const test = isTestFile(file);
      for (const specifier of importedModules(fs.readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('.')) {
          const target = path.resolve(path.dirname(file), specifier);
          if (!target.startsWith(workspace.directory + path.sep)) problems.push(`${where}: relative import "${specifier}" leaves ${name}`);
          continue;
        }
        if (specifier.startsWith('node:') || BUILTINS.has(specifier)) continue;
        const dependency = packageOf(specifier);
        if (dependency === name) {
          problems.push(`${where}: imports its own package "${specifier}" by name`);
          continue;
        }
        if (internal(dependency)) {
          const allowed = ALLOWED[name]!.includes(dependency) || (test && (TEST_ONLY[name] ?? []).includes(dependency));
          if (!allowed) problems.push(`${where}: ${name} → ${dependency} is not an arrow of the picture`);
          if (specifier !== dependency) problems.push(`${where}: "${specifier}" reaches inside ${dependency}; import its index`);
          continue;
        }
        const declared = workspace.dependencies.has(dependency) || (test && (workspace.devDependencies.has(dependency) || rootDevDependencies.has(dependency)));
        if (!declared) problems.push(`${where}: imports "${dependency}", which ${name}'s package.json does not declare${test ? ' (nor devDependencies)' : ' in dependencies'}`);
      }
    }
    expect([...new Set(problems)]).toEqual([]);
  });
});

test('the import scanner sees every form of import', () => {
  const source = [
    "import { a } from '@samsa/a';",
    "import type { B } from '@samsa/b';",
    "import * as c from 'c';",
    "export { d } from './d';",
    "export * from '../e';",
    "import 'side-effect';",
    "const f = require('f');",
    "jest.mock('g');",
    "const h = await import('h');",
    '// import { ignored } from "comment";',
    'import {\n  multi,\n  line,\n} from "i";',
  ].join('\n');
  expect(importedModules(source).sort()).toEqual(['../e', './d', '@samsa/a', '@samsa/b', 'c', 'f', 'g', 'h', 'i', 'side-effect'].sort());
});
