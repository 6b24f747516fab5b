// The layer boundary check fails the build on a forbidden import (including
// one from a lower layer of the core to a higher one), with the file, line and
// reason; and passes on this repository.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';

const SCRIPT = nodePath.resolve(import.meta.dirname, '../scripts/check-boundary.mjs');
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function check(files: Record<string, string>): { code: number; out: string } {
  const root = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-boundary-'));
  dirs.push(root);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(nodePath.dirname(nodePath.join(root, p)), { recursive: true });
    writeFileSync(nodePath.join(root, p), text);
  }
  const r = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

test('this repository keeps its layers apart', () => {
  const r = spawnSync(process.execPath, [SCRIPT], { cwd: nodePath.resolve(import.meta.dirname, '..'), encoding: 'utf8' });
  assert.deepEqual([r.status, r.stdout], [0, 'layer boundaries: ok\n']);
});

test('the core importing the file system, LSP or an outer layer fails with file, line and reason', () => {
  const r = check({
    'server/core/a.ts': "import type { X } from './b.ts';\nimport { readFileSync } from 'node:fs';\n",
    'server/core/b.ts': "export type X = 1;\nimport { createConnection } from 'vscode-languageserver/node';\nimport { toDiagnostic } from '../lsp/convert.ts';\n",
    'server/core/c.ts': "const cp = require('child_process');\n",
  });
  assert.equal(r.code, 1);
  assert.equal(
    r.out,
    [
      'Layer boundary check failed:',
      "server/core/a.ts:2: imports 'node:fs': server/core must stay pure (file access comes through FileSource)",
      "server/core/b.ts:2: imports 'vscode-languageserver/node': server/core must stay pure (file access comes through FileSource)",
      "server/core/b.ts:3: imports '../lsp/convert.ts': server/core must not depend on the layers around it",
      "server/core/c.ts:1: imports 'child_process': server/core must stay pure (file access comes through FileSource)",
      '',
    ].join('\n'),
  );
});

test('only server/lsp speaks LSP; the client holds no analysis logic', () => {
  const r = check({
    'server/cli/main.ts': "import { createConnection } from 'vscode-languageserver/node';\n",
    'client/extension.ts': "import type { CoverageReport } from '../server/core/coverage/coverage.ts';\nimport { analyse } from '../server/core/engine/project.ts';\n",
    'server/lsp/main.ts': "import { createConnection } from 'vscode-languageserver/node';\n",
  });
  assert.equal(r.code, 1);
  assert.equal(
    r.out,
    [
      'Layer boundary check failed:',
      "server/cli/main.ts:1: imports 'vscode-languageserver/node': the CLI must not depend on the editor or LSP",
      "client/extension.ts:2: imports '../server/core/engine/project.ts': the client holds no analysis logic and does not speak the server side of LSP",
      '',
    ].join('\n'),
  );
});

test('inside the core, a layer importing a higher one fails, type-only imports included; downward imports pass', () => {
  const r = check({
    'server/core/types.ts': "import type { Project } from './engine/project.ts';\n",
    'server/core/syntax/yamlTree.ts': "import type { FileFacts } from '../model/facts.ts';\nimport { stripBom } from './text.ts';\n",
    'server/core/model/facts.ts': "import type { Range } from '../types.ts';\nimport { parseControlFile } from '../readers/controlFile.ts';\n",
    'server/core/readers/controlFile.ts':
      "import { LineIndex } from '../text/lineIndex.ts';\nimport { parseYaml } from '../syntax/yamlTree.ts';\nimport { resolveUnder } from '../knowledge/ids/resolve.ts';\n",
    'server/core/rules/unknownId.ts': "import { fileRule } from './rule.ts';\nexport { Project } from '../engine/project.ts';\n",
    'server/core/queries/hover.ts': "import { Project } from '../engine/project.ts';\nimport { allRules } from '../rules/index.ts';\n",
    'server/core/parse/newFormat.ts': "import { parseYaml } from '../syntax/yamlTree.ts';\n",
  });
  assert.equal(r.code, 1);
  const order = '(base < syntax < model < knowledge < readers < rules < engine < queries)';
  assert.equal(
    r.out,
    [
      'Layer boundary check failed:',
      `server/core/model/facts.ts:2: imports '../readers/controlFile.ts': model must not depend on readers, a higher layer ${order}`,
      `server/core/parse/newFormat.ts:1: server/core/parse/ is in no layer: put the file in a layer's folder ${order}, or add the folder to LAYERS in scripts/check-boundary.mjs`,
      `server/core/rules/unknownId.ts:2: imports '../engine/project.ts': rules must not depend on engine, a higher layer ${order}`,
      `server/core/syntax/yamlTree.ts:1: imports '../model/facts.ts': syntax must not depend on model, a higher layer ${order}`,
      `server/core/types.ts:1: imports './engine/project.ts': base must not depend on engine, a higher layer ${order}`,
      '',
    ].join('\n'),
  );
});
