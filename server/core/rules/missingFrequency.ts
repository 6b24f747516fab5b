import { fileRule } from './rule.ts';
import { label } from './util.ts';
import { CANONICAL_FREQUENCIES, parseFrequency } from '../knowledge/frequency.ts';

const NAMES = CANONICAL_FREQUENCIES.map(([n]) => n).join(', ');

export const missingFrequency = fileRule({
  code: 'missing-frequency',
  severity: 'warning',
  summary: 'A control without a frequency, or a frequency (or review frequency) that cannot be read.',
  check(file, _ctx, finding) {
    return file.entities.flatMap((e) => {
      if (e.frequency) {
        if (parseFrequency(e.frequency.text)) return [];
        return [finding(file.path, e.frequency.range, `'${e.frequency.text}' is not a frequency Crosswalk can read: use one of ${NAMES}, or a phrase such as 'every 90 days'`)];
      }
      if (e.kind !== 'control') return [];
      return [finding(file.path, e.idRange, `${label(e)} has no frequency: add 'frequency:' (${NAMES})`)];
    });
  },
});
