// Reads crosswalk.yaml into a Config, reporting each problem at its place.
import { CONFIG_FILE, SOC2_CATEGORIES, defaultConfig, type Config, type ScopeEntry } from './config.ts';
import type { Severity } from '../../types.ts';
import { LineIndex } from '../../text/lineIndex.ts';
import { asMap, asSeq, describeNode, entries, findEntry, listItems, parseYaml, scalarText, spanOf, type Entry, type YNode } from '../../syntax/yamlTree.ts';
import { closest } from '../../text/similarity.ts';
import { stripBom } from '../../syntax/text.ts';
import { MAX_PHRASE_WORDS, phraseWords } from '../../text/phraseTrie.ts';
import { documentListPath } from './detect.ts';
import { emptyTitles } from './documentList.ts';

const TOP_KEYS = [
  'version',
  'organization',
  'frameworks',
  'policies',
  'controls',
  'narratives',
  'procedures',
  'standards',
  'mappings',
  'fields',
  'layout',
  'comply_folder',
  'ignore',
  'custom_frameworks',
  'custom_crosswalks',
  'statement_of_applicability',
  'rules',
  'scope',
  'activities',
  'duplicates',
];
const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

export function parseConfig(rawText: string, knownRules: readonly string[]): Config {
  const text = stripBom(rawText);
  const config = defaultConfig();
  config.path = CONFIG_FILE;
  const lines = new LineIndex(text);
  const report = (start: number, end: number, message: string, severity: Severity = 'error', rule = 'config-invalid'): void => {
    config.findings.push({ rule, severity, path: CONFIG_FILE, range: lines.range(start, end), message });
  };
  const at = (node: YNode | null | undefined, fallback: Entry, message: string): void => {
    const s = spanOf(node) ?? fallback.keySpan;
    report(s.start, s.end, message);
  };

  const { root, problems } = parseYaml(text);
  for (const p of problems) report(p.start, p.end, `YAML syntax error: ${p.message}`, 'error', 'yaml-syntax');
  if (problems.length > 0) return config;
  const top = asMap(root);
  if (!top) {
    if (root !== null)
      report(
        0,
        Math.min(text.length, 1),
        `${CONFIG_FILE} must be a mapping of settings such as 'frameworks', 'policies' and 'controls' (the Crosswalk documentation describes each under "Catalogue format")`,
      );
    return config;
  }

  const strings = (e: Entry): ScopeEntry[] => {
    if (!asSeq(e.value) && !scalarText(e.value)) {
      at(e.value, e, `'${e.key}' must be a list of text, found ${describeNode(e.value)}`);
      return [];
    }
    return listItems(e.value, text).map((s) => ({ text: s.text, range: lines.range(s.start, s.end) }));
  };

  for (const e of entries(top)) {
    switch (e.key) {
      case 'version': {
        const v = scalarText(e.value)?.text;
        if (v !== '1') at(e.value, e, `unsupported version '${v ?? describeNode(e.value)}': this Crosswalk reads version 1`);
        break;
      }
      case 'organization':
        config.organization = scalarText(e.value)?.text;
        break;
      case 'policies':
      case 'controls':
      case 'narratives':
      case 'procedures':
      case 'standards':
      case 'mappings':
      case 'ignore':
        config[e.key] = strings(e).map((s) => s.text);
        break;
      case 'layout': {
        const v = scalarText(e.value)?.text;
        if (v === 'comply') config.complyRoot = '';
        else if (v === 'jupiterone') config.documentIds = 'file-stem';
        else if (v !== 'crosswalk')
          at(e.value, e, `unknown layout '${v ?? describeNode(e.value)}': use comply (files comply would not read are reported), jupiterone (documents named by file) or crosswalk`);
        break;
      }
      case 'comply_folder': {
        const v = scalarText(e.value)
          ?.text.trim()
          .replace(/^\.\/|\/+$/g, '');
        if (v === undefined || v === '' || v.split('/').includes('..')) at(e.value, e, `'comply_folder' is the folder inside the repository that holds policies/, narratives/ and procedures/`);
        else config.complyFolder = v;
        break;
      }
      case 'fields': {
        const m = asMap(e.value);
        if (!m) {
          at(e.value, e, `'fields' maps a key your files use to a field (approver: owner) or a framework (tsc_criteria: soc2); found ${describeNode(e.value)}`);
          break;
        }
        for (const f of entries(m)) {
          const target = scalarText(f.value);
          if (!target) at(f.value, f, `'${f.key}' must name a field or a framework, found ${describeNode(f.value)}`);
          else config.fieldEntries.push({ key: f.key, target: target.text.trim(), range: lines.range(target.start, target.end) });
        }
        break;
      }
      case 'custom_frameworks':
        config.customFrameworks = strings(e);
        break;
      case 'custom_crosswalks':
        config.customCrosswalks = strings(e);
        break;
      case 'frameworks':
        readFrameworks(e);
        break;
      case 'statement_of_applicability':
        readSoa(e);
        break;
      case 'rules':
        readRules(e);
        break;
      case 'scope': {
        const m = asMap(e.value);
        if (!m) {
          at(e.value, e, `'scope' must be a mapping with 'isms' and 'soc2_boundary' lists`);
          break;
        }
        for (const s of entries(m)) {
          if (s.key === 'isms') config.scope.isms = strings(s);
          else if (s.key === 'soc2_boundary') config.scope.soc2Boundary = strings(s);
          else report(s.keySpan.start, s.keySpan.end, `unknown scope field '${s.key}' (expected isms or soc2_boundary)`);
        }
        break;
      }
      case 'activities': {
        const m = asMap(e.value);
        if (!m) {
          at(e.value, e, `'activities' must map an activity name to a list of phrases`);
          break;
        }
        for (const a of entries(m)) {
          const phrases = strings(a).filter((s) => {
            if (phraseWords(s.text) <= MAX_PHRASE_WORDS) return true;
            config.findings.push({
              rule: 'config-invalid',
              severity: 'error',
              path: CONFIG_FILE,
              range: s.range,
              message: `an activity phrase has at most ${MAX_PHRASE_WORDS} words; this one is not used`,
            });
            return false;
          });
          config.activities[a.key] = phrases.map((s) => s.text);
        }
        break;
      }
      case 'duplicates': {
        const m = asMap(e.value);
        const t = m ? findEntry(m, 'overlap_threshold') : undefined;
        const v = t ? Number(scalarText(t.value)?.text) : NaN;
        if (!t || !(v > 0 && v <= 1)) at(t?.value ?? e.value, e, `'duplicates' takes 'overlap_threshold', a number above 0 and at most 1`);
        else config.overlapThreshold = v;
        break;
      }
      default: {
        const hint = closest(e.key, TOP_KEYS, 3, 1)[0];
        report(e.keySpan.start, e.keySpan.end, `unknown setting '${e.key}'${hint ? ` (did you mean '${hint}'?)` : ''}`, 'warning');
      }
    }
  }
  if (config.complyRoot !== undefined && config.complyFolder !== undefined) config.complyRoot = config.complyFolder;
  if (config.documentIds === 'file-stem') config.documentList = { path: documentListPath(config.policies), titles: emptyTitles(), findings: [] };
  return config;

  function readFrameworks(e: Entry): void {
    const m = asMap(e.value);
    if (!m) {
      at(e.value, e, `'frameworks' must be a mapping such as {soc2: {categories: [security]}, iso27001: {edition: "2022"}}`);
      return;
    }
    config.soc2.enabled = false;
    config.iso27001.enabled = false;
    for (const f of entries(m)) {
      const settings = f.value === null || scalarText(f.value)?.text === undefined ? asMap(f.value) : undefined;
      if (f.value !== null && !settings && scalarText(f.value)?.text !== undefined) {
        at(f.value, f, `settings of '${f.key}' must be a mapping (or left empty)`);
        continue;
      }
      const id = f.key.toLowerCase().replace(/[\s_-]/g, '');
      if (id === 'soc2' || id === 'tsc') {
        config.soc2.enabled = true;
        const cats = settings ? findEntry(settings, 'categories') : undefined;
        if (cats) {
          const list = strings(cats);
          const chosen = new Set(['security']);
          for (const c of list) {
            const norm = c.text.toLowerCase().replace(/[\s_]+/g, '-');
            if ((SOC2_CATEGORIES as readonly string[]).includes(norm)) chosen.add(norm);
            else {
              const hint = closest(norm, SOC2_CATEGORIES, 3, 1)[0];
              const off = lines.offset(c.range.start);
              report(off, lines.offset(c.range.end), `unknown SOC 2 category '${c.text}'${hint ? ` (did you mean '${hint}'?)` : ''}; categories are ${SOC2_CATEGORIES.join(', ')}`);
            }
          }
          config.soc2.categories = SOC2_CATEGORIES.filter((c) => chosen.has(c));
        }
        for (const s of settings ? entries(settings) : []) {
          if (s.key !== 'categories') report(s.keySpan.start, s.keySpan.end, `unknown soc2 setting '${s.key}' (expected categories)`, 'warning');
        }
      } else if (id === 'iso27001' || id === 'iso') {
        config.iso27001.enabled = true;
        for (const s of settings ? entries(settings) : []) {
          if (s.key !== 'edition') {
            report(s.keySpan.start, s.keySpan.end, `unknown iso27001 setting '${s.key}' (expected edition)`, 'warning');
            continue;
          }
          const v = scalarText(s.value);
          if (v?.text === '2022') continue;
          if (v?.text === '2013') {
            // The repository's ids are written in 2013: read them so, and say what that means.
            config.iso27001.edition = '2013';
            report(
              v.start,
              v.end,
              `ISO/IEC 27001:2013 was withdrawn (certificates expired 31 October 2025): ids such as A.8.1 are read as 2013 ids and reported with their 2022 successors (legacy-id); migrate them, then set edition "2022"`,
              'warning',
            );
          } else at(s.value, s, `unknown ISO 27001 edition '${v?.text ?? describeNode(s.value)}': use "2022" (or "2013" for ids still written in the withdrawn edition)`);
        }
      } else {
        // A team's own framework: its file is loaded later, and the name checked then.
        config.customInScope.push({ text: f.key, range: lines.range(f.keySpan.start, f.keySpan.end) });
      }
    }
  }

  function readSoa(e: Entry): void {
    const m = asMap(e.value);
    const ex = m ? findEntry(m, 'exclusions') : undefined;
    if (!m || !ex) {
      at(e.value, e, `'statement_of_applicability' takes 'exclusions', a list of {id, justification}`);
      return;
    }
    const list = asSeq(ex.value);
    if (!list) {
      at(ex.value, ex, `'exclusions' must be a list of {id, justification}, found ${describeNode(ex.value)}`);
      return;
    }
    for (const item of list.items) {
      const im = asMap(item);
      const idEntry = im ? findEntry(im, 'id') : undefined;
      const id = idEntry ? scalarText(idEntry.value) : undefined;
      if (!im || !id) {
        const s = spanOf(item) ?? ex.keySpan;
        report(s.start, s.end, `each exclusion needs an 'id' (an ISO 27001:2022 Annex A control such as A.7.4) and a 'justification'`);
        continue;
      }
      const just = findEntry(im, 'justification');
      const justText = just ? scalarText(just.value) : undefined;
      const exclusion = { id: id.text, range: lines.range(id.start, id.end) } as Config['soaExclusions'][number];
      if (justText && justText.text.trim() !== '') exclusion.justification = { text: justText.text, range: lines.range(justText.start, justText.end) };
      config.soaExclusions.push(exclusion);
    }
  }

  function readRules(e: Entry): void {
    const m = asMap(e.value);
    if (!m) {
      at(e.value, e, `'rules' must map rule codes to error, warning, info, hint or off`);
      return;
    }
    for (const r of entries(m)) {
      if (!knownRules.includes(r.key)) {
        const hint = closest(r.key, knownRules, 3, 1)[0];
        report(r.keySpan.start, r.keySpan.end, `unknown rule '${r.key}'${hint ? ` (did you mean '${hint}'?)` : ''}; the rule codes are listed under "Rules" in the Crosswalk documentation`, 'warning');
        continue;
      }
      const v = scalarText(r.value);
      if (!v || !SEVERITIES.includes(v.text)) {
        at(r.value, r, `severity of '${r.key}' must be one of ${SEVERITIES.join(', ')}`);
        continue;
      }
      config.severities[r.key] = v.text as Severity | 'off';
    }
  }
}
