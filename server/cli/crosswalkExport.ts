// `crosswalk crosswalk [dir]`: the crosswalk pairs the tool reasons with
// (bundled, and the repository's own named in crosswalk.yaml) as a table an
// auditor can read.
import { Project } from '../core/engine/project.ts';
import { crosswalkTables } from '../core/queries/crosswalkTable.ts';
import { NodeFileSource } from '../host/nodeFiles.ts';
import { readBundled, today } from '../host/bundled.ts';
import { plainText } from '../format/neutralise.ts';
import { crosswalkCsv, crosswalkJson, crosswalkMarkdown } from '../format/crosswalkFormats.ts';
import { failer, notADirectory, usageFailure, wantsJson, writeResult, type Io } from './io.ts';

export const CROSSWALK_USAGE = `Usage: crosswalk crosswalk [dir] [--format markdown|csv|json] [--output file]

Prints every crosswalk pair the tool reasons with: the bundled SOC 2 to ISO 27001 crosswalk and the
crosswalks crosswalk.yaml names under custom_crosswalks. One row per pair (source id and title, target
id and title, relationship, strength, net_new, evidence, rationale, reviewed), then the requirements
declared to have no counterpart, with their note. Exit status 1 when a crosswalk file named in
crosswalk.yaml has problems (they are printed on stderr; the table holds what could be read).`;

const FORMATS = ['markdown', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface ExportOptions {
  dir: string;
  format: Format;
  output?: string;
}

function parse(argv: readonly string[]): ExportOptions | 'help' | string {
  const o: ExportOptions = { dir: '.', format: 'markdown' };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      return v === undefined || (eq < 0 && v.startsWith('-')) ? undefined : v;
    };
    if (name === '-h' || name === '--help') return 'help';
    if (name === '--format') {
      const f = value();
      if (!(FORMATS as readonly string[]).includes(f ?? '')) return `'crosswalk' has no format '${f ?? ''}' (formats: ${FORMATS.join(', ')})`;
      o.format = f as Format;
    } else if (name === '--output' || name === '-o') {
      const out = value();
      if (out === undefined) return `${name} needs a value`;
      o.output = out;
    } else if (name.startsWith('-') && name !== '-') return `unknown option '${name}'`;
    else positional.push(arg);
  }
  if (positional.length > 1) return `unexpected argument '${positional[1]}': give one directory`;
  if (positional[0] !== undefined) o.dir = positional[0];
  return o;
}

export async function runCrosswalkExport(argv: readonly string[], io: Io): Promise<number> {
  const opts = parse(argv);
  if (opts === 'help') {
    io.stdout(`${CROSSWALK_USAGE}\n`);
    return 0;
  }
  if (typeof opts === 'string') return usageFailure(io, opts, CROSSWALK_USAGE, wantsJson(argv));
  const fail = failer(io);
  const notDir = await notADirectory(opts.dir);
  if (notDir !== undefined) return fail(notDir);
  let project: Project;
  try {
    // Only crosswalk.yaml and the files it names are read: the catalogue itself plays no part.
    project = await Project.load(new NodeFileSource(opts.dir), readBundled(), { today: today() });
  } catch (e) {
    return fail(`cannot load the framework catalogues: ${(e as Error).message}`);
  }
  const tables = crosswalkTables(project);
  const text = opts.format === 'csv' ? crosswalkCsv(tables) : opts.format === 'json' ? crosswalkJson(tables) : crosswalkMarkdown(tables);
  const unwritten = await writeResult(io, opts.output, text);
  if (unwritten !== undefined) return fail(unwritten);
  const problems = project.config.findings.filter((f) => f.severity === 'error');
  for (const f of problems) io.stderr(`${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.rule}: ${plainText(f.message)}\n`);
  return problems.length > 0 ? 1 : 0;
}
