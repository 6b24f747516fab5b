// Fails the build when a layer imports what it must not:
// - server/core is the pure engine: no editor, protocol, file system, network or process modules;
// - only server/lsp speaks LSP (vscode-languageserver*);
// - only client/ uses the VS Code API and the language client.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const NODE_IO = /^(node:)?(fs|fs\/promises|http|https|http2|net|tls|dgram|child_process|cluster|worker_threads|dns|os|process|vm)$/;
const rules = [
  { dir: 'server/core', forbid: (m) => m === 'vscode' || m.startsWith('vscode-languageserver') || m.startsWith('vscode-languageclient') || NODE_IO.test(m), why: 'server/core must stay pure (file access comes through FileSource)' },
  { dir: 'server/format', forbid: (m) => m === 'vscode' || m.startsWith('vscode-language') || NODE_IO.test(m), why: 'formatters turn findings into text and need no I/O' },
  { dir: 'server/cli', forbid: (m) => m === 'vscode' || m.startsWith('vscode-language'), why: 'the CLI must not depend on the editor or LSP' },
  { dir: 'server/host', forbid: (m) => m === 'vscode' || m.startsWith('vscode-language'), why: 'the host layer is shared by the CLI and the server' },
  { dir: 'server/lsp', forbid: (m) => m === 'vscode' || m.startsWith('vscode-languageclient'), why: 'the server must not use the VS Code API' },
  { dir: 'client', forbid: (m) => m.startsWith('vscode-languageserver') || /(^|\/)server\/core\//.test(m), why: 'the client holds no analysis logic and does not speak the server side of LSP', typesAllowed: true },
];

function* files(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|mts|cts|js|mjs|cjs)$/.test(name)) yield p;
  }
}

const IMPORT = /(?:^|\s)(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(\s*['"]([^'"]+)['"]\s*\)|(?:^|[^\w.])require\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
const root = process.argv[2] ?? '.';
const problems = [];
for (const rule of rules) {
  for (const file of files(join(root, rule.dir))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const mod = m[1] ?? m[2] ?? m[3] ?? m[4];
      // Type-only imports are erased from the bundle: the client may share the protocol's shapes.
      const typeOnly = /^\s*(?:import|export)\s+type\b/.test(m[0]);
      // The pure core may only import itself: not the host, the formatters or the LSP layer.
      const leavesCore = rule.dir === 'server/core' && mod?.startsWith('.') && relative(resolve(root, 'server/core'), resolve(dirname(file), mod)).startsWith('..');
      if (mod && (rule.forbid(mod) || leavesCore) && !(rule.typesAllowed && typeOnly)) {
        const line = text.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
        problems.push(`${relative(root, file)}:${line}: imports '${mod}': ${leavesCore ? 'server/core must not depend on the layers around it' : rule.why}`);
      }
    }
  }
}
if (problems.length > 0) {
  console.error(`Layer boundary check failed:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('layer boundaries: ok');
