// A comply standards/*.yml file. A copy of a bundled framework (the Trust
// Services Criteria, ISO 27001) has its keys checked as ids of that
// framework, since comply counts a document's `satisfies:` only against them;
// the repository's own standards are frameworks (knowledge/frameworks/complyStandard.ts).
import type { FileFacts, IdRef } from '../model/facts.ts';
import { LineIndex } from '../text/lineIndex.ts';
import { stripBom } from '../syntax/text.ts';
import { FrameworkDataError } from '../knowledge/frameworks/model.ts';
import { readComplyStandard } from '../knowledge/frameworks/complyStandard.ts';
import { resolveUnder } from '../knowledge/ids/resolve.ts';
import type { ParseContext } from './entityReader.ts';

export function parseStandardFile(path: string, rawText: string, ctx: ParseContext): FileFacts {
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  const prose: IdRef[] = [];
  const facts: FileFacts = { path, kind: 'standard', entities: [], prose, findings: [], lines: lines.lineCount };
  let standard;
  try {
    standard = readComplyStandard(text, path);
  } catch (e) {
    const offset = e instanceof FrameworkDataError ? e.offset : 0;
    const rule = /^YAML syntax error/.test((e as Error).message) ? 'yaml-syntax' : 'invalid-field';
    facts.findings.push({ rule, severity: 'error', path, range: lines.range(offset, offset), message: (e as Error).message });
    return facts;
  }
  if (!standard.bundled) return facts;
  for (const e of standard.keys) {
    prose.push({ raw: e.key, range: lines.range(e.keySpan.start, e.keySpan.end), where: 'mapping', resolution: resolveUnder(ctx.registry, standard.bundled, e.key) });
  }
  return facts;
}
