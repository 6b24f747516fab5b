// The README the .vsix carries: media/marketplace/README.md with each image
// it names (a path from the package root, as vsce reads them) inlined as a
// data: URL. The extension details page in VS Code renders a README in a
// webview whose policy allows only https: and data: images, and the package
// is built with --no-rewrite-relative-links (no web address to point them
// at), so an inlined image is the one that shows, offline too.
// Writes dist/marketplace/README.md; `npm run package` hands it to vsce.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE = join(ROOT, 'media', 'marketplace', 'README.md');
const TARGET = join(ROOT, 'dist', 'marketplace', 'README.md');
const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

const text = readFileSync(SOURCE, 'utf8');
const problems = [];
let inlined = 0;
const lines = text.split('\n');
const out = lines.map((line, i) =>
  line.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (all, alt, src) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return all;
    const file = resolve(ROOT, src);
    const type = TYPES[extname(file).toLowerCase()];
    const where = `${relative(ROOT, SOURCE)}:${i + 1}`;
    if (relative(ROOT, file).startsWith('..')) problems.push(`${where}: image ${src} is outside the package`);
    else if (!type) problems.push(`${where}: image ${src} is not a PNG, JPEG or GIF file`);
    else if (!existsSync(file)) problems.push(`${where}: image ${src} does not exist (paths are read from the package root)`);
    else {
      inlined++;
      return `![${alt}](data:${type};base64,${readFileSync(file).toString('base64')})`;
    }
    return all;
  }),
);
if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
mkdirSync(join(TARGET, '..'), { recursive: true });
writeFileSync(TARGET, out.join('\n'));
console.log(`${relative(ROOT, TARGET)}: ${inlined} image${inlined === 1 ? '' : 's'} inlined`);
