// The ISO 27001 edition a file's ids are read in. The readers read 2022; a
// document that says it follows 2013 (an `iso_edition` front-matter field, or
// a sentence such as "this policy follows ISO/IEC 27001:2013"), or a
// repository set to 2013 in crosswalk.yaml, has its ids read again in 2013,
// where A.8.1 is the objective Responsibility for assets, not the 2022
// control User endpoint devices.
import type { FileFacts } from '../../model/facts.ts';
import type { IsoEdition } from '../../model/resolution.ts';
import type { FrameworkRegistry } from '../frameworks/registry.ts';
import type { Config } from '../config/config.ts';
import { resolveInProse, resolveUnder } from './resolve.ts';

const EDITIONS: readonly string[] = ['2013', '2022'];

/**
 * "follows", "is aligned with", "in accordance with" ... ISO/IEC 27001:2013,
 * not followed by an id: "implements ISO 27001:2013 A.9.2.3" qualifies that id only.
 */
const DECLARATION =
  /\b(?:follows?|(?:is\s+)?align(?:ed|s)?\s+(?:with|to)|(?:is\s+)?based\s+on|in\s+accordance\s+with|conforms?\s+to|compl(?:ies|y)\s+with|implements?|written\s+(?:for|against|to))\s+(?:the\s+)?(?:requirements\s+of\s+)?ISO(?:\s*\/\s*IEC)?[\s-]*27001\s*:\s*(2013|2022)\b(?![,:]?[ \t]*(?:Annex[ \t]*)?(?:A[ \t]*\.?[ \t]*\d|(?:clause[ \t]*)?\d))/gi;

/** Reads the file's ids again in the edition it is written in, when that is not 2022. */
export function readInEdition(facts: FileFacts, text: string, ctx: { registry: FrameworkRegistry; config: Config }): FileFacts {
  const declared = facts.kind === 'policy' ? declaredEdition(facts, text) : undefined;
  const edition = declared ?? (ctx.config.iso27001.edition === '2013' ? '2013' : undefined);
  if (edition !== '2013') return facts;
  facts.isoEdition = edition;
  for (const e of facts.entities) {
    for (const m of e.mappings) {
      if (m.framework === undefined) continue;
      for (const ref of m.ids) ref.resolution = resolveUnder(ctx.registry, m.framework, ref.raw, edition);
    }
  }
  for (const ref of facts.prose) if (ref.where === 'prose') ref.resolution = resolveInProse(ctx.registry, ref.raw, edition);
  return facts;
}

/** The edition a document declares: its front-matter field, else the one edition its sentences name. */
export function declaredEdition(facts: FileFacts, text: string): IsoEdition | undefined {
  const field = facts.entities[0]?.isoEdition;
  if (field) {
    const value = field.text.trim().replace(/^ISO(?:\s*\/\s*IEC)?[\s-]*27001\s*:\s*/i, '');
    if (EDITIONS.includes(value)) return value as IsoEdition;
    facts.findings.push({
      rule: 'invalid-field',
      severity: 'error',
      path: facts.path,
      range: field.range,
      message: `the ISO 27001 edition of a document is 2013 or 2022, found '${field.text}'; it decides how ids such as A.8.1 are read`,
    });
  }
  return namedEdition(text);
}

/** The one edition a document's sentences say it follows ("This policy follows ISO/IEC 27001:2013"). */
export function namedEdition(text: string): IsoEdition | undefined {
  if (!text.includes('27001')) return undefined;
  const named = new Set<string>();
  DECLARATION.lastIndex = 0;
  for (let m = DECLARATION.exec(text); m; m = DECLARATION.exec(text)) named.add(m[1]!);
  // A document that says it follows both (a transition plan) declares neither.
  return named.size === 1 ? ([...named][0] as IsoEdition) : undefined;
}

/** Whether the 2013 edition reads an id otherwise (A.8.1 is the objective Responsibility for assets there, the control User endpoint devices in 2022). */
export function meansOtherIn2013(registry: FrameworkRegistry, raw: string): boolean {
  return resolveInProse(registry, raw, '2013').kind === 'legacy';
}
