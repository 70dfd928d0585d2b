import type { Plugin, Rolldown } from 'vite';

/**
 * How the build splits the two apps into chunks (rolldown `output.codeSplitting.groups`).
 *
 * Chunks are named after who needs them, which is worked out from the module graph rather than from
 * package names (a helper such as `classnames` is used by antd and antd-mobile alike):
 *
 * - `vendor`: packages both apps load at start (React, the router, react-query, i18next);
 * - `shared`: our code both apps load at start (API client, session, i18n and the shared strings);
 * - `vendor-student` / `vendor-console`: packages only one app loads at start (antd-mobile's first-screen
 *   components / antd);
 * - `vendor-pages`: packages that several of the student app's lazily loaded pages use (antd-mobile's
 *   nav and tab bars, popups, steps, swipe gestures, their icons), one chunk that the first page after
 *   login fetches; a package only one feature uses goes with that feature;
 * - `contracts`: zod and the request/response schemas (the console's forms, the student's order and
 *   collection pages); the contracts' plain helpers (ID-number checksum) go with `common`;
 * - `pages-common`: our code shared by several lazy student pages (shells, formatters, camera hook);
 * - `<feature>` (`home`, `orders`, `photo` …): a student feature's lazily loaded pages with their strings.
 *
 * Everything a feature imports with `import()` itself (the QR reader with zxing, the region data) keeps a
 * chunk of its own, and so does the console's own code, which `ConsoleRoutes` splits as it sees fit.
 */

type App = 'student' | 'console';
type Ctx = Rolldown.ChunkingContext;

const NODE_MODULES = /[\\/]node_modules[\\/]/;
const ZOD = /[\\/]node_modules[\\/]zod[\\/]/;
const CONTRACTS = /[\\/]packages[\\/]contracts[\\/]/;
const FEATURE = /[\\/]apps[\\/]web[\\/]src[\\/]features[\\/]([^\\/]+)[\\/]/;
const APP_SHELL = /[\\/]apps[\\/]web[\\/]src[\\/]app[\\/]/;

interface Graph {
  /** Modules each app loads at start (static imports from its entry). */
  initial: Record<App, Set<string>>;
  /** Modules each app can ever load (static and dynamic imports). */
  reachable: Record<App, Set<string>>;
  /** For lazily loaded modules: the `import()` targets whose static imports bring them in. */
  lazyRoots: Map<string, string[]>;
  /** Contracts modules that import zod (memo). */
  schemas: Map<string, boolean>;
}

function walk(ctx: Ctx, roots: string[], dynamic: boolean, onDynamic?: (id: string) => void): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const info = ctx.getModuleInfo(id);
    if (!info) continue;
    stack.push(...info.importedIds);
    for (const d of info.dynamicallyImportedIds) {
      onDynamic?.(d);
      if (dynamic) stack.push(d);
    }
  }
  return seen;
}

function buildGraph(ctx: Ctx, entries: Record<App, string>): Graph {
  const dynamicTargets = new Set<string>();
  const initial = {} as Record<App, Set<string>>;
  const reachable = {} as Record<App, Set<string>>;
  for (const app of Object.keys(entries) as App[]) {
    initial[app] = walk(ctx, [entries[app]], false);
    reachable[app] = walk(ctx, [entries[app]], true, (d) => dynamicTargets.add(d));
  }
  const lazyRoots = new Map<string, string[]>();
  for (const root of dynamicTargets) {
    for (const id of walk(ctx, [root], false)) {
      const list = lazyRoots.get(id);
      if (list) list.push(root);
      else lazyRoots.set(id, [root]);
    }
  }
  return { initial, reachable, lazyRoots, schemas: new Map() };
}

/** A feature's own `import()` (not a route's): it stays a separate chunk, loaded when the feature asks. */
function isFeatureImport(ctx: Ctx, root: string): boolean {
  const importers = ctx.getModuleInfo(root)?.dynamicImporters ?? [];
  return importers.length > 0 && importers.every((i) => FEATURE.test(i));
}

/** A contracts module that builds zod schemas (not a plain helper such as the ID-number checksum). */
function isSchema(ctx: Ctx, graph: Graph, id: string): boolean {
  let yes = graph.schemas.get(id);
  if (yes === undefined) {
    yes = [...walk(ctx, [id], false)].some((m) => ZOD.test(m));
    graph.schemas.set(id, yes);
  }
  return yes;
}

/** The chunk for module `id`, or null to leave it to rolldown's automatic splitting. */
function chunkFor(id: string, ctx: Ctx, graph: Graph): string | null {
  const vendor = NODE_MODULES.test(id);
  const contracts = ZOD.test(id) || (CONTRACTS.test(id) && isSchema(ctx, graph, id));
  const inStudent = graph.reachable.student.has(id);
  const inConsole = graph.reachable.console.has(id);
  const atStudentStart = graph.initial.student.has(id);
  const atConsoleStart = graph.initial.console.has(id);

  if (atStudentStart && atConsoleStart) return vendor ? 'vendor' : 'shared';
  // both apps use it, at least one of them later (the console's order states, the student's orders)
  if (inStudent && inConsole) return contracts ? 'contracts' : vendor ? 'vendor-common' : 'common';
  if (atStudentStart) return vendor ? 'vendor-student' : null;
  if (atConsoleStart) return vendor ? 'vendor-console' : null;
  if (!inStudent) return null;

  // Only the student app's lazily loaded pages use it.
  const roots = graph.lazyRoots.get(id) ?? [];
  // an import() target: a route's page or strings go to their feature's chunk, a feature's own import()
  // (qr-reader with zxing, the region data) keeps a chunk of its own, as does whatever only it needs
  if (roots.includes(id)) return isFeatureImport(ctx, id) ? null : (FEATURE.exec(id)?.[1] ?? null);
  if (roots.length === 0 || roots.every((r) => isFeatureImport(ctx, r))) return null;
  // used by one feature's pages only: into that feature's chunk (an icon of the home page, its swiper)
  const features = new Set(roots.filter((r) => !isFeatureImport(ctx, r)).map((r) => FEATURE.exec(r)?.[1]));
  const [only] = features;
  if (features.size === 1 && only) return only;
  if (contracts) return 'contracts';
  if (vendor) return 'vendor-pages';
  return APP_SHELL.test(id) ? null : 'pages-common';
}

/** The `codeSplitting` option for a build whose inputs are `entries` (module ids of the two HTML pages). */
export function codeSplitting(entries: Record<App, string>): Rolldown.CodeSplittingOptions {
  let graph: Graph | null = null;
  let graphFor: unknown = null;
  const chunk = (id: string, ctx: Ctx) => {
    // the ModuleInfo objects live for one chunking pass: rebuild the graph when they change (watch mode)
    const entryInfo = ctx.getModuleInfo(entries.student);
    if (!graph || graphFor !== entryInfo) {
      graph = buildGraph(ctx, entries);
      graphFor = entryInfo;
    }
    return chunkFor(id, ctx, graph);
  };
  const group = (names: string[] | ((name: string) => boolean), priority: number, recursive = true) => ({
    name: (id: string, ctx: Ctx) => {
      const name = chunk(id, ctx);
      return name !== null && (typeof names === 'function' ? names(name) : names.includes(name))
        ? name
        : null;
    },
    priority,
    includeDependenciesRecursively: recursive,
  });
  const named = [
    'vendor',
    'shared',
    'contracts',
    'vendor-common',
    'common',
    'vendor-student',
    'vendor-console',
    'vendor-pages',
    'pages-common',
  ];
  // Higher priority first; a group with includeDependenciesRecursively also takes the modules its modules
  // import, so every module another group should have is claimed before (our code's groups take only
  // what they are given: a page's chunk must not swallow a helper the entry or the console also use).
  return {
    groups: [
      group(['vendor'], 100),
      group(['shared'], 95, false),
      group(['common'], 92, false),
      group(['contracts', 'vendor-common'], 90),
      group(['vendor-student', 'vendor-console'], 80),
      group(['vendor-pages'], 60),
      group(['pages-common'], 50, false),
      group((name) => !named.includes(name), 40, false),
    ],
  };
}

/** Chunks the student app may load before its first screen; anything else there fails the build. */
const STUDENT_START = new Set([
  'student',
  'vendor',
  'shared',
  'vendor-student',
  'common',
  'vendor-common',
  'rolldown-runtime',
]);

/**
 * Fails the build when the student app's first load (its entry and everything that imports statically)
 * takes in a chunk meant for later or for the console — e.g. after a new import of a barrel module.
 */
export function checkStudentFirstLoad(): Plugin {
  return {
    name: 'check-student-first-load',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c]] : [])),
      );
      const entry = [...chunks.values()].find((c) => c.isEntry && c.name === 'student');
      if (!entry) return;
      const seen = new Set<string>();
      const stack = [entry.fileName];
      while (stack.length > 0) {
        const chunk = chunks.get(stack.pop()!);
        if (!chunk || seen.has(chunk.fileName)) continue;
        seen.add(chunk.fileName);
        if (!STUDENT_START.has(chunk.name))
          this.error(
            `the student app's first load takes in chunk "${chunk.name}" (${chunk.fileName}); see chunk-groups.ts`,
          );
        stack.push(...chunk.imports);
      }
    },
  };
}
