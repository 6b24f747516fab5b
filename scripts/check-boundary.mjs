// Fails the build when a layer imports what it must not:
// - server/core is the pure engine: no editor, protocol, file system, network or process modules;
// - only server/lsp speaks LSP (vscode-languageserver*);
// - only client/ uses the VS Code API and the language client;
// - inside server/core, a layer imports only its own and lower layers (LAYERS).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

// server/core's layers, lowest first: a folder per layer (files directly in server/core are base).
const LAYERS = [
  { name: 'base', dirs: ['', 'text'] },
  { name: 'syntax', dirs: ['syntax'] },
  { name: 'model', dirs: ['model'] },
  { name: 'knowledge', dirs: ['knowledge'] },
  { name: 'readers', dirs: ['readers'] },
  { name: 'rules', dirs: ['rules'] },
  { name: 'engine', dirs: ['engine'] },
  { name: 'queries', dirs: ['queries', 'review'] },
];
const ORDER = LAYERS.map((l) => l.name).join(' < ');

/** The layer index of a path inside server/core (relative to it), or -1 for a folder that is in no layer. */
function layerOf(inCore) {
  const parts = inCore.split(sep);
  const dir = parts.length === 1 ? '' : parts[0];
  return LAYERS.findIndex((l) => l.dirs.includes(dir));
}

const NODE_IO = /^(node:)?(fs|fs\/promises|http|https|http2|net|tls|dgram|child_process|cluster|worker_threads|dns|os|process|vm)$/;
const rules = [
  {
    dir: 'server/core',
    forbid: (m) => m === 'vscode' || m.startsWith('vscode-languageserver') || m.startsWith('vscode-languageclient') || NODE_IO.test(m),
    why: 'server/core must stay pure (file access comes through FileSource)',
  },
  { dir: 'server/format', forbid: (m) => m === 'vscode' || m.startsWith('vscode-language') || NODE_IO.test(m), why: 'formatters turn findings into text and need no I/O' },
  { dir: 'server/cli', forbid: (m) => m === 'vscode' || m.startsWith('vscode-language'), why: 'the CLI must not depend on the editor or LSP' },
  { dir: 'server/host', forbid: (m) => m === 'vscode' || m.startsWith('vscode-language'), why: 'the host layer is shared by the CLI and the server' },
  { dir: 'server/lsp', forbid: (m) => m === 'vscode' || m.startsWith('vscode-languageclient'), why: 'the server must not use the VS Code API' },
  {
    dir: 'client',
    forbid: (m) => m.startsWith('vscode-languageserver') || /(^|\/)server\/core\//.test(m),
    why: 'the client holds no analysis logic and does not speak the server side of LSP',
    typesAllowed: true,
  },
];

function* files(dir) {
  let names;
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(name)) yield p;
  }
}

const IMPORT =
  /(?:^|\s)(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w.])require\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
const root = process.argv[2] ?? '.';
const core = resolve(root, 'server/core');
const problems = [];
for (const rule of rules) {
  for (const file of files(join(root, rule.dir))) {
    const text = readFileSync(file, 'utf8');
    if (rule.dir === 'server/core' && layerOf(relative(core, file)) < 0) {
      problems.push(
        `${relative(root, file)}:1: server/core/${relative(core, file).split(sep)[0]}/ is in no layer: put the file in a layer's folder (${ORDER}), or add the folder to LAYERS in scripts/check-boundary.mjs`,
      );
    }
    for (const m of text.matchAll(IMPORT)) {
      const mod = m[1] ?? m[2] ?? m[3] ?? m[4];
      // Type-only imports are erased from the bundle: the client may share the protocol's shapes.
      const typeOnly = /^\s*(?:import|export)\s+type\b/.test(m[0]);
      // The pure core may only import itself: not the host, the formatters or the LSP layer.
      const leavesCore = rule.dir === 'server/core' && mod?.startsWith('.') && relative(core, resolve(dirname(file), mod)).startsWith('..');
      const line = () => text.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
      if (mod && (rule.forbid(mod) || leavesCore) && !(rule.typesAllowed && typeOnly)) {
        problems.push(`${relative(root, file)}:${line()}: imports '${mod}': ${leavesCore ? 'server/core must not depend on the layers around it' : rule.why}`);
      } else if (rule.dir === 'server/core' && mod?.startsWith('.')) {
        // Type-only imports count too: a lower layer must not even name a higher one's shapes.
        const from = layerOf(relative(core, file));
        const to = layerOf(relative(core, resolve(dirname(file), mod)));
        if (from >= 0 && to > from) problems.push(`${relative(root, file)}:${line()}: imports '${mod}': ${LAYERS[from].name} must not depend on ${LAYERS[to].name}, a higher layer (${ORDER})`);
      }
    }
  }
}
if (problems.length > 0) {
  console.error(`Layer boundary check failed:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('layer boundaries: ok');
