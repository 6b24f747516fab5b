import type { Finding } from '../types.ts';
import type { Field } from '../model/facts.ts';
import { fileRule } from './rule.ts';
import { label } from './util.ts';
import { CANONICAL_FREQUENCIES, parseFrequency } from '../knowledge/frequency.ts';

const NAMES = CANONICAL_FREQUENCIES.map(([n]) => n).join(', ');

export const missingFrequency = fileRule({
  code: 'missing-frequency',
  severity: 'warning',
  summary: 'A control without a frequency, or a frequency (a review frequency, or one a policy prescribes for a control) that cannot be read.',
  check(file, _ctx, finding) {
    const unreadable = (f: Field): Finding => finding(file.path, f.range, `'${f.text}' is not a frequency Crosswalk can read: use one of ${NAMES}, or a phrase such as 'every 90 days'`);
    return file.entities.flatMap((e) => {
      // What a policy prescribes for its controls ({id, frequency}).
      const out = e.refs.flatMap((r) => (r.frequency && !parseFrequency(r.frequency.text) ? [unreadable(r.frequency)] : []));
      if (e.frequency) {
        if (!parseFrequency(e.frequency.text)) out.unshift(unreadable(e.frequency));
      } else if (e.kind === 'control') out.push(finding(file.path, e.idRange, `${label(e)} has no frequency: add 'frequency:' (${NAMES})`));
      return out;
    });
  },
});
