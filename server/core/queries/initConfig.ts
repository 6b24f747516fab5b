// The crosswalk.yaml `crosswalk init` proposes: the layout, frameworks and
// SOC 2 categories the repository shows, and the keys it uses for ids under
// names of its own, each line commented so a reader can adjust it.
import type { Project } from '../engine/project.ts';
import { SOC2_CATEGORIES, frameworksInScope } from '../knowledge/config/config.ts';

const list = (items: readonly string[]): string => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;

export function proposeConfig(project: Project): string {
  const config = project.config;
  const detected = config.detected;
  const out: string[] = ['# Crosswalk settings: where the catalogue is and what is in scope (each setting is described under "Catalogue format" in the Crosswalk documentation).'];
  out.push(detected ? `# Written by 'crosswalk init' for the ${detected.summary} it found.` : `# Written by 'crosswalk init'; the policies/ and controls/ globs are the defaults.`);
  out.push('version: 1');
  if (config.complyRoot !== undefined) out.push('# comply reads only the .md files directly in its folders: files it would skip are reported.', 'layout: comply');
  if (config.complyRoot) out.push(`comply_folder: ${JSON.stringify(config.complyRoot)}`);
  out.push('');

  const inScope = frameworksInScope(config);
  out.push('frameworks:');
  if (inScope.includes('soc2')) {
    const categories = SOC2_CATEGORIES.filter((c) => project.soc2Categories().includes(c));
    out.push('  soc2:', `    # The categories the documents map; security is always in scope.`, `    categories: [${categories.join(', ')}]`);
  }
  if (inScope.includes('iso27001')) out.push('  iso27001: {}');
  const own = config.customInScope.map((c) => c.text);
  if (own.length > 0) out.push(`  # From standards/: ${own.join(', ')} (read from the standards files each time; nothing to list here).`);
  out.push('');

  const globs: Array<[string, string[], string]> = [
    ['policies', config.policies, 'Markdown policies'],
    ['narratives', config.narratives, 'comply narratives'],
    ['procedures', config.procedures, 'comply procedures (their cron: schedules are frequencies)'],
    ['standards', config.standards, "comply standards: a TSC or ISO 27001 standard is the bundled framework, any other one of the repository's own"],
    ['controls', config.controls, 'control files (YAML or JSON)'],
  ];
  for (const [key, value, what] of globs) {
    if (value.length === 0 && key !== 'controls') continue;
    out.push(`# ${what}`, `${key}: ${list(value)}`);
  }

  const fields = new Map<string, string>();
  for (const path of project.catalogue.paths()) {
    for (const e of project.catalogue.file(path)?.entities ?? []) for (const u of e.unmappedKeys ?? []) if (!fields.has(u.key)) fields.set(u.key, u.framework);
  }
  if (fields.size > 0) {
    out.push('', '# Keys these files use for framework ids.', 'fields:');
    for (const [key, framework] of [...fields].sort()) out.push(`  ${JSON.stringify(key)}: ${framework}`);
  }
  return `${out.join('\n')}\n`;
}
