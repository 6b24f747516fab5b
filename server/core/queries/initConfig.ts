// The crosswalk.yaml `crosswalk init` proposes: the layout, frameworks and
// SOC 2 categories the repository shows, and the keys it uses for ids under
// names of its own, each line commented so a reader can adjust it.
import type { Project } from '../engine/project.ts';
import { SOC2_CATEGORIES, frameworksInScope } from '../knowledge/config/config.ts';
import type { FoundDocuments } from './documentFolders.ts';

const list = (items: readonly string[]): string => `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;

/** What the person chose in the editor's quick picks; what the repository shows otherwise. */
export interface InitChoice {
  frameworks: Array<'soc2' | 'iso27001'>;
  /** SOC 2 categories besides security, which is always in scope. */
  soc2Categories: string[];
}

/** `found`: where Markdown documents that name framework ids are, when the policies globs match none (documentFolders.ts). */
export function proposeConfig(project: Project, choice?: InitChoice, found?: FoundDocuments): string {
  const config = project.config;
  const detected = config.detected;
  const out: string[] = ['# Crosswalk settings: where the catalogue is and what is in scope (each setting is described under "Catalogue format" in the Crosswalk documentation).'];
  const by = choice ? 'Crosswalk: Initialize Catalogue' : "'crosswalk init'";
  if (found) out.push(`# Written by ${by} for the Markdown documents that name framework ids it found; the controls/ globs are the defaults.`);
  else out.push(detected ? `# Written by ${by} for the ${detected.summary} it found.` : `# Written by ${by}; the policies/ and controls/ globs are the defaults.`);
  out.push('version: 1');
  if (config.complyRoot !== undefined) out.push('# comply reads only the .md files directly in its folders: files it would skip are reported.', 'layout: comply');
  if (config.complyRoot) out.push(`comply_folder: ${JSON.stringify(config.complyRoot)}`);
  if (config.documentIds === 'file-stem') out.push('# JupiterOne templates: documents are named by their file (cp-access-mfa.md.tmpl is cp-access-mfa).', 'layout: jupiterone');
  out.push('');

  const inScope = choice ? choice.frameworks : frameworksInScope(config);
  out.push('frameworks:');
  if (inScope.includes('soc2')) {
    const wanted = choice ? ['security', ...choice.soc2Categories] : [...project.soc2Categories(), ...(found?.soc2Categories ?? [])];
    const categories = SOC2_CATEGORIES.filter((c) => wanted.includes(c));
    out.push('  soc2:', `    # The categories ${choice ? 'chosen' : 'the documents map'}; security is always in scope.`, `    categories: [${categories.join(', ')}]`);
  }
  if (inScope.includes('iso27001')) out.push('  iso27001: {}');
  const own = config.customInScope.map((c) => c.text);
  if (own.length > 0) out.push(`  # From standards/: ${own.join(', ')} (read from the standards files each time; nothing to list here).`);
  out.push('');

  const globs: Array<[string, string[], string]> = [
    found ? ['policies', found.policies, 'Markdown policies: the folders whose documents name framework ids'] : ['policies', config.policies, 'Markdown policies'],
    ['narratives', config.narratives, 'comply narratives'],
    ['procedures', config.procedures, config.documentIds === 'file-stem' ? 'procedures' : 'comply procedures (their cron: schedules are frequencies)'],
    ['standards', config.standards, "comply standards: a TSC or ISO 27001 standard is the bundled framework, any other one of the repository's own"],
    ['mappings', config.mappings, 'JupiterOne mapping files: the standards the procedures and policies meet'],
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

/**
 * A first control and policy for a folder that holds none yet, mapped to the
 * frameworks chosen, so every view has something to show and to copy from.
 */
export function starterFiles(choice: InitChoice, today: string): Array<{ path: string; text: string }> {
  const soc2 = choice.frameworks.includes('soc2');
  const iso = choice.frameworks.includes('iso27001');
  const mappings = [soc2 ? '  soc2: [CC6.2, CC6.3]' : '', iso ? '  iso27001: [A.5.18]' : ''].filter(Boolean);
  const satisfies = [soc2 ? '  soc2: [CC6.1]' : '', iso ? '  iso27001: [A.5.15]' : ''].filter(Boolean);
  const control = [
    '# A control: what is done, by whom, how often, and what shows it was done.',
    'id: AC-01',
    'title: Quarterly review of user access',
    'description: >-',
    '  Each quarter the owner of every production system confirms who has access and removes what is no longer needed.',
    'owner: Head of IT',
    'frequency: quarterly',
    'policies: [POL-ACCESS]',
    'evidence:',
    '  - id: EV-AC-01',
    '    description: Signed-off access review for each production system',
    '    source: Ticketing system',
    ...(mappings.length > 0 ? ['mappings:', ...mappings] : []),
    '',
  ].join('\n');
  const policy = [
    '---',
    'id: POL-ACCESS',
    'title: Access Control Policy',
    'owner: CISO',
    'version: "0.1"',
    'review_frequency: annual',
    `last_reviewed: ${today}`,
    ...(satisfies.length > 0 ? ['satisfies:', ...satisfies] : []),
    'controls: [AC-01]',
    '---',
    '# Access Control Policy',
    '',
    'People get the access their role needs and no more. Access is approved before it is granted, reviewed every quarter, and removed when a person leaves or changes role.',
    '',
  ].join('\n');
  return [
    { path: 'controls/access.yaml', text: control },
    { path: 'policies/access-control.md', text: policy },
  ];
}
