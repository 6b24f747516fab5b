// What Crosswalk tells users names their repository, or its documentation by
// title: never a path inside Crosswalk's own repository (docs/rules.md,
// examples/acme), which a user's checkout does not have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';

const ROOT = nodePath.resolve(import.meta.dirname, '..');
const OWN_PATH = /\b(?:docs|examples|frameworks|scripts|test|server|client)\/(?![/*])/;
/** A page of the repository on the web (the rule documentation links), which every user can open. */
const ON_THE_WEB = /\/blob\/main\//;

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = nodePath.join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

/** The string literals of a source file, comments and module specifiers left out. */
function literals(text: string): string[] {
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/\bfrom\s+'[^']*'|\bimport\s*\(\s*'[^']*'\s*\)/g, '');
  return code.match(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|"(?:[^"\\\n]|\\.)*"/g) ?? [];
}

test("no message of the engine, the language server or the host names a path inside Crosswalk's repository", () => {
  const found: string[] = [];
  for (const dir of ['server/core', 'server/lsp', 'server/host']) {
    for (const file of sources(nodePath.join(ROOT, dir))) {
      for (const s of literals(readFileSync(file, 'utf8'))) if (OWN_PATH.test(s) && !ON_THE_WEB.test(s)) found.push(`${nodePath.relative(ROOT, file)}: ${s}`);
    }
  }
  assert.deepEqual(found, []);
});
