// The `crosswalk` command: the same engine as the editor, for CI and the shell.
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { Project } from '../core/engine/project.ts';
import { allRules } from '../core/rules/index.ts';
import { computeCoverage } from '../core/queries/coverage.ts';
import { statementOfApplicability } from '../core/queries/soa.ts';
import { CONFIG_FILE, type Config } from '../core/knowledge/config/config.ts';
import type { Finding, Severity } from '../core/types.ts';
import type { Workspace } from '../core/engine/workspace.ts';
import { planFixes } from '../core/queries/autofix.ts';
import { NodeFileSource } from '../host/nodeFiles.ts';
import { today as localToday } from '../host/bundled.ts';
import { writeFileSafely } from '../host/atomicWrite.ts';
import { DEFAULT_CAP_MIB, FactsCacheDir } from '../host/factsCacheDir.ts';
import { findingsText } from '../format/findingsText.ts';
import { findingsJson } from '../format/findingsJson.ts';
import { findingsSarif } from '../format/findingsSarif.ts';
import { findingsCodeQuality } from '../format/findingsCodeQuality.ts';
import { coverageCsv, coverageJson, coverageMarkdown, coverageText } from '../format/coverageFormats.ts';
import { soaCsv, soaMarkdown } from '../format/soaFormats.ts';
import { readinessHtml, readinessMarkdown } from '../format/readinessText.ts';
import { computeReadiness } from '../core/queries/readiness.ts';
import { isIsoDate } from '../core/rules/invalidDate.ts';
import { findingsMarkdown } from '../format/findingsMarkdown.ts';
import { fingerprintFindings, ownersFromFacts } from '../core/review/fingerprint.ts';
import { applyBaseline, writeBaseline } from './baselineFile.ts';
import { runDiff } from './diff.ts';
import { newSession, RecordingSource } from './analyseSource.ts';
import { withWorkers } from '../host/workerTrees.ts';
import { failer, notADirectory, usageFailure, wantsJson, writeResult, type Io } from './io.ts';
import { jsonText, plainText } from '../format/neutralise.ts';
import { runReviews } from './reviews.ts';
import { runInit } from './init.ts';
import { runCrosswalkExport } from './crosswalkExport.ts';

export const USAGE = `Usage: crosswalk <command> [dir] [options]

Commands:
  check [dir]      validate the catalogue; exit 1 when there are errors
  coverage [dir]   coverage per framework and the list of gaps
  soa [dir]        ISO/IEC 27001:2022 Statement of Applicability (93 Annex A rows)
  report [dir]     readiness: how far the controls for one framework reach the other through the
                   crosswalk, the gaps, the net-new ISMS work, evidence that serves both
  diff <base> [<head>]  findings introduced and fixed, coverage change (crosswalk diff --help)
  reviews [dir]    policies by review due date (crosswalk reviews --help)
  init [dir]       write a commented crosswalk.yaml from what is found there (never replaces one)
  crosswalk [dir]  the crosswalk pairs the tool reasons with, bundled and the repository's own
                   (crosswalk crosswalk --help)

Options:
  --format <f>     check: text (default), json, sarif, markdown, codequality (GitLab Code Quality)
                   coverage: text (default), json, csv, markdown
                   soa: markdown (default), csv
                   report: markdown (default), html (one self-contained file), json
                   crosswalk: markdown (default), csv, json
  --output <file>  write the result to a file (whole or not at all) instead of stdout
  --fail-on <s>    check: exit 1 on findings of this severity or worse: error (default), warning, info
  --baseline <file>        check: report only findings not recorded in this baseline file
  --write-baseline <file>  check: record today's findings as the baseline (whole or not at all)
  --fix            check: apply the mechanical fixes (spelling, 2013 -> 2022 migration, moving an id
                   to its framework) to the files, then report what is left
  --today <date>   YYYY-MM-DD to use as today's date (for review-age rules)
  --cache <dir>    check, coverage, soa, report: keep each file's parsed facts and the last findings in
                   <dir> (at most ${DEFAULT_CAP_MIB} MiB), so the next run parses only the files that changed,
                   and check (text, json, markdown) answers at once when nothing it reads changed
  -h, --help       show this help
  -v, --version    print the version

dir defaults to the current directory. Exit status: 0 no errors, 1 errors found, 2 bad usage or input.`;

const FORMATS: Record<string, string[]> = {
  check: ['text', 'json', 'sarif', 'markdown', 'codequality'],
  coverage: ['text', 'json', 'csv', 'markdown'],
  soa: ['markdown', 'csv'],
  report: ['markdown', 'html', 'json'],
};

/** Formats whose results carry each finding's fingerprint. */
const FINGERPRINTED = ['sarif', 'codequality'];

export class UsageError extends Error {}

interface Options {
  command: string;
  dir: string;
  format: string;
  output?: string;
  failOn: Severity;
  today: string;
  fix: boolean;
  baseline?: string;
  writeBaseline?: string;
  cache?: string;
}

/** `clock`: where today's date comes from when --today does not give it. */
export function parseArgs(argv: readonly string[], clock: () => Date = () => new Date()): Options | 'help' | 'version' {
  const positional: string[] = [];
  const opts: Partial<Options> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('-'))) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (name === '-h' || name === '--help') return 'help';
    if (name === '-v' || name === '--version') return 'version';
    if (name === '--format') opts.format = value();
    else if (name === '--output' || name === '-o') opts.output = value();
    else if (name === '--today') opts.today = value();
    else if (name === '--fail-on') opts.failOn = value() as Severity;
    else if (name === '--fix') opts.fix = true;
    else if (name === '--baseline') opts.baseline = value();
    else if (name === '--write-baseline') opts.writeBaseline = value();
    else if (name === '--cache') opts.cache = value();
    else if (name.startsWith('-') && name !== '-') throw new UsageError(`unknown option '${name}'`);
    else positional.push(arg);
  }
  const command = positional[0];
  if (command === undefined) throw new UsageError('no command given');
  if (!FORMATS[command]) throw new UsageError(`unknown command '${command}' (commands: check, coverage, soa, report, diff, reviews, crosswalk)`);
  if (positional.length > 2) throw new UsageError(`unexpected argument '${positional[2]}': give one directory`);
  const format = opts.format ?? FORMATS[command]![0]!;
  if (!FORMATS[command]!.includes(format)) throw new UsageError(`'${command}' has no format '${format}' (formats: ${FORMATS[command]!.join(', ')})`);
  if (opts.today !== undefined && !isIsoDate(opts.today)) throw new UsageError(`--today takes a date as YYYY-MM-DD, not '${opts.today}'`);
  if (opts.failOn !== undefined && !['error', 'warning', 'info'].includes(opts.failOn)) throw new UsageError(`--fail-on takes error, warning or info, not '${opts.failOn}'`);
  if (opts.fix && command !== 'check') throw new UsageError(`--fix only applies to 'check'`);
  if ((opts.baseline !== undefined || opts.writeBaseline !== undefined) && command !== 'check') throw new UsageError(`--baseline and --write-baseline only apply to 'check'`);
  const out: Options = { command, dir: positional[1] ?? '.', format, failOn: opts.failOn ?? 'error', today: opts.today ?? localToday(clock()), fix: opts.fix ?? false };
  if (opts.output !== undefined) out.output = opts.output;
  if (opts.baseline !== undefined) out.baseline = opts.baseline;
  if (opts.writeBaseline !== undefined) out.writeBaseline = opts.writeBaseline;
  if (opts.cache !== undefined) out.cache = opts.cache;
  return out;
}

export type { Io };

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/** Runs the command line; returns the exit status. `clock`: the time it reads today's date from. */
export async function run(argv: readonly string[], io: Io, clock: () => Date = () => new Date()): Promise<number> {
  // Subcommands with arguments of their own parse them themselves.
  if (argv[0] === 'diff') return runDiff(argv.slice(1), io);
  if (argv[0] === 'reviews') return runReviews(argv.slice(1), io);
  if (argv[0] === 'init') return runInit(argv.slice(1), io);
  if (argv[0] === 'crosswalk') return runCrosswalkExport(argv.slice(1), io);
  let opts: ReturnType<typeof parseArgs>;
  try {
    opts = parseArgs(argv, clock);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usageFailure(io, e.message, USAGE, wantsJson(argv));
  }
  if (opts === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (opts === 'version') {
    io.stdout(`crosswalk ${pkg.version}\n`);
    return 0;
  }
  // The first scan's worker thread starts while the frameworks are loaded and the files listed
  // (with --cache, most files are expected to come from the cache, with no YAML left to read).
  let workers: ReturnType<typeof withWorkers> | undefined = withWorkers({ early: opts.cache === undefined });
  const fail = failer(io, opts.format === 'json');
  const notDir = await notADirectory(opts.dir);
  if (notDir !== undefined) return fail(notDir);

  const cache = opts.cache === undefined ? undefined : new FactsCacheDir(opts.cache, { log: (m) => io.stderr(`${plainText(m)}\n`) });
  /** check's report of these findings in `checked` files, and its exit status. */
  const checkReport = (findings: Finding[], checked: number, fingerprints: string[]): { text: string; status: number } => ({
    text:
      opts.format === 'json'
        ? findingsJson(findings, checked)
        : opts.format === 'sarif'
          ? findingsSarif(findings, allRules, pkg.version, fingerprints)
          : opts.format === 'codequality'
            ? findingsCodeQuality(findings, fingerprints)
            : opts.format === 'markdown'
              ? findingsMarkdown(findings, checked)
              : findingsText(findings, checked),
    status: findings.some((f) => RANK[f.severity] >= RANK[opts.failOn]) ? 1 : 0,
  });
  // Only --fix needs the texts afterwards; holding a large catalogue's texts costs memory and time.
  // Fingerprints (baselines, SARIF, Code Quality) read the texts too.
  const needsTexts = opts.fix || opts.baseline !== undefined || opts.writeBaseline !== undefined || FINGERPRINTED.includes(opts.format);
  const begin = (): { session: Workspace; disk: NodeFileSource; source: RecordingSource } => {
    const disk = new NodeFileSource(opts.dir);
    const source = new RecordingSource(disk, needsTexts);
    // The first session takes the worker started early; a later one (a --fix pass) starts its own.
    const w = workers ?? withWorkers();
    workers = undefined;
    return { session: newSession(source, opts.today, cache ? { factsCache: cache.opener, snapshots: cache.snapshots } : {}, w), disk, source };
  };
  let warned = false;
  /** Said once, not again after each --fix pass. */
  const warnUnreadable = (disk: NodeFileSource): void => {
    if (!warned) for (const u of disk.unreadableFolders) io.stderr(`crosswalk: warning: cannot read the folder '${plainText(u.path)}' (${plainText(u.reason)}): the files in it are not checked\n`);
    warned = true;
  };
  const analyse = async (begun = begin()): Promise<{ project: Project; texts: Map<string, string> } | string> => {
    let project: Project;
    try {
      project = await begun.session.project();
    } catch (e) {
      return `cannot load the framework catalogues: ${(e as Error).message}`;
    }
    warnUnreadable(begun.disk);
    return { project, texts: begun.source.texts };
  };
  /** Whether the folder holds a catalogue to report on: else the failure to report. */
  const catalogueProblem = (config: Config, files: number): string | undefined => {
    if (config.ambiguous)
      return `several catalogues in '${opts.dir}' (${config.ambiguous.join(', ')}) and no ${CONFIG_FILE} to say which: run crosswalk in one of them (crosswalk ${opts.command} ${config.ambiguous[0]}), or run 'crosswalk init' in one`;
    if (config.path === undefined && files === 0 && !config.detected)
      return `no catalogue in '${opts.dir}': there is no ${CONFIG_FILE}, and no policies/ or controls/ folder (nor a comply project: policies/ beside narratives/, procedures/ or standards/). Run crosswalk in the folder that holds the catalogue, or write a ${CONFIG_FILE} that says where policies and controls are ('crosswalk init' starts one)`;
    if (config.detected) io.stderr(`crosswalk: no ${CONFIG_FILE}; read the ${plainText(config.detected.summary)}${files === 0 ? ', which holds no documents yet' : ''}\n`);
    return undefined;
  };

  // A check whose report needs only the findings is written from the findings snapshot when the
  // snapshot is of exactly what is read now: nothing is analysed. Otherwise the same session goes on.
  let begun: ReturnType<typeof begin> | undefined;
  if (cache && opts.command === 'check' && !needsTexts) {
    begun = begin();
    let stored;
    try {
      stored = await begun.session.storedFindings();
    } catch (e) {
      return fail(`cannot load the framework catalogues: ${(e as Error).message}`);
    }
    if (stored) {
      warnUnreadable(begun.disk);
      const { result, config } = stored;
      const problem = catalogueProblem(config, result.files);
      if (problem !== undefined) return fail(problem);
      const { text, status } = checkReport(
        result.findings.flatMap((f) => f.findings),
        result.files + (config.path === undefined ? 0 : 1),
        [],
      );
      const unwritten = await writeResult(io, opts.output, text);
      return unwritten === undefined ? status : fail(unwritten);
    }
  }
  let analysed = await analyse(begun);
  if (typeof analysed === 'string') return fail(analysed);
  let project = analysed.project;
  const problem = catalogueProblem(project.config, project.fileCount());
  if (problem !== undefined) return fail(problem);
  if (opts.fix) {
    // Overlapping fixes wait for the next pass, on the text the previous pass wrote.
    let fixed = 0;
    // A catalogue file that is a link is written through to its target, when that lies in the repository.
    const root = await fs.realpath(opts.dir);
    const changed = new Set<string>();
    for (let pass = 0; pass < 5; pass++) {
      const plan = planFixes(project.allFindings(), analysed.texts);
      if (plan.texts.size === 0) break;
      for (const [path, text] of plan.texts) {
        const full = nodePath.join(opts.dir, ...path.split('/'));
        // Never write over a change made since the file was read (an editor saving, another tool).
        // Compared as the analysis read it (the reader drops a byte order mark); a mark the file had is kept.
        const raw = await fs.readFile(full).catch(() => undefined);
        if (raw === undefined || new TextDecoder().decode(raw) !== analysed.texts.get(path))
          return fail(`${path} changed while it was being fixed; nothing more was written. Run crosswalk check --fix again`);
        const bom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
        try {
          await writeFileSafely(full, bom ? `\ufeff${text}` : text, { within: root });
        } catch (e) {
          return fail(`cannot write ${path}: ${(e as Error).message}`);
        }
        changed.add(path);
      }
      fixed += plan.applied;
      const again = await analyse();
      if (typeof again === 'string') return fail(again);
      analysed = again;
      project = again.project;
      if (plan.deferred === 0) break;
    }
    io.stderr(`crosswalk: fixed ${fixed} finding${fixed === 1 ? '' : 's'} in ${changed.size} file${changed.size === 1 ? '' : 's'}\n`);
  }

  let text: string;
  let status = 0;
  if (opts.command === 'check') {
    let findings = project.allFindings();
    const texts = analysed.texts;
    let fingerprints =
      opts.baseline !== undefined || opts.writeBaseline !== undefined || FINGERPRINTED.includes(opts.format)
        ? fingerprintFindings(
            findings,
            (p) => texts.get(p),
            ownersFromFacts((p) => project.catalogue.file(p)),
          )
        : [];
    if (opts.writeBaseline !== undefined) {
      const problem = await writeBaseline(opts.writeBaseline, findings, fingerprints);
      if (problem !== undefined) return fail(problem);
      io.stderr(`crosswalk: wrote ${findings.length} finding${findings.length === 1 ? '' : 's'} to the baseline ${opts.writeBaseline}\n`);
    }
    if (opts.baseline !== undefined) {
      const kept = await applyBaseline(opts.baseline, findings, fingerprints);
      if (typeof kept === 'string') return fail(kept);
      ({ findings, fingerprints } = kept);
    }
    // crosswalk.yaml is checked (and has findings) like the catalogue's files: counted with them, so "N of M files" never has N > M.
    ({ text, status } = checkReport(findings, project.fileCount() + (project.config.path === undefined ? 0 : 1), fingerprints));
  } else if (opts.command === 'coverage') {
    const report = computeCoverage(project);
    text = opts.format === 'json' ? coverageJson(report) : opts.format === 'csv' ? coverageCsv(report) : opts.format === 'markdown' ? coverageMarkdown(report) : coverageText(report);
  } else if (opts.command === 'report') {
    const report = computeReadiness(project);
    text = opts.format === 'html' ? readinessHtml(report) : opts.format === 'json' ? jsonText(report) : readinessMarkdown(report);
  } else {
    const rows = statementOfApplicability(computeCoverage(project));
    text = opts.format === 'csv' ? soaCsv(rows) : soaMarkdown(rows, project.config.organization);
  }
  const unwritten = await writeResult(io, opts.output, text);
  // After the result is out: the cache only speeds up the next run.
  await cache?.save();
  return unwritten === undefined ? status : fail(unwritten);
}
