import type { Finding } from '../types.ts';
import { fileRule } from './rule.ts';
import { wildcardMatch } from '../text/wildcard.ts';

function norm(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** An ISMS scope entry covers a name when equal, or as a glob with '*'. */
export function inIsms(isms: readonly string[], name: string): boolean {
  const n = norm(name);
  return isms.some((entry) => {
    return wildcardMatch(norm(entry), n);
  });
}

export const scopeMismatch = fileRule({
  code: 'scope-mismatch',
  severity: 'warning',
  summary: "The SOC 2 system boundary, or a policy's declared scope, names systems outside the ISMS scope.",
  check(file, ctx, finding) {
    const isms = ctx.config.scope.isms.map((s) => s.text);
    if (isms.length === 0) return [];
    const out: Finding[] = [];
    if (file.kind === 'config') {
      for (const s of ctx.config.scope.soc2Boundary) {
        if (!inIsms(isms, s.text))
          out.push(
            finding(
              file.path,
              s.range,
              `'${s.text}' is inside the SOC 2 system boundary but not in the ISMS scope: ISO 27001 certification will not cover it; add it to scope.isms or explain the difference`,
            ),
          );
      }
    }
    for (const e of file.entities) {
      for (const s of e.scope ?? []) {
        if (!inIsms(isms, s.text)) out.push(finding(file.path, s.range, `policy ${e.id ?? ''} applies to '${s.text}', which is outside the ISMS scope declared in crosswalk.yaml (scope.isms)`));
      }
    }
    return out;
  },
});
