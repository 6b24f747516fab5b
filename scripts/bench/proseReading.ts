// The part of the prose rules' cost that turning them off does not save: the
// policy reader finding cited names, links and heading anchors, and ids
// written with a title, in every policy. Times those three readers alone on
// the policies of a catalogue, five passes, and prints the median pass:
//   node --import tsx scripts/bench/proseReading.ts <catalogue dir>
import { Project } from '../../server/core/engine/project.ts';
import { NodeFileSource } from '../../server/host/nodeFiles.ts';
import { readBundled } from '../../server/host/bundled.ts';
import { usePlainEnv } from '../../server/host/plainEnv.ts';
import { LineIndex } from '../../server/core/text/lineIndex.ts';
import { findHeader } from '../../server/core/syntax/frontMatter.ts';
import { findCitations } from '../../server/core/readers/prose/citations.ts';
import { findLinks } from '../../server/core/readers/prose/links.ts';
import { findTitledIds } from '../../server/core/readers/prose/titledIds.ts';

usePlainEnv();
const dir = process.argv[2];
if (!dir) throw new Error('usage: node --import tsx scripts/bench/proseReading.ts <catalogue dir>');

const source = new NodeFileSource(dir);
const project = await Project.load(source, readBundled(), { today: '2026-11-24' });
const policies = [];
for (const path of await source.list()) {
  if (project.kindOf(path) !== 'policy') continue;
  const text = await source.read(path);
  const facts = project.parse(path, text);
  policies.push({ path, text, bodyStart: findHeader(text)?.bodyStart ?? 0, lines: new LineIndex(text), prose: facts.prose });
}

const passes: number[] = [];
let found = 0;
for (let pass = 0; pass < 5; pass++) {
  found = 0;
  const t = performance.now();
  for (const p of policies) {
    found += findCitations(p.text, p.bodyStart).length;
    found += findLinks(p.path, p.text, p.bodyStart, p.lines).links.length;
    found += findTitledIds(p.text, p.bodyStart, p.lines, p.prose).length;
  }
  passes.push(performance.now() - t);
}
const median = passes.sort((a, b) => a - b)[2]!;
console.log(`reading cited names, links and titled ids in ${policies.length} policies: ${median.toFixed(0)} ms (median of 5 passes, ${found} found)`);
