// Writes the bundled frameworks, already read, next to the bundles (see
// server/host/bundled.ts): `node --import tsx scripts/compile-frameworks.ts <out>`.
import { writeFileSync } from 'node:fs';
import { compileFrameworks, frameworksDir, readFrameworkFiles } from '../server/host/bundled.ts';

const out = process.argv[2];
if (!out) throw new Error('usage: compile-frameworks.ts <output file>');
writeFileSync(out, compileFrameworks(readFrameworkFiles(frameworksDir())));
