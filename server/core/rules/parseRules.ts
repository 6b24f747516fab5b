// Codes of the findings produced while files are read (see server/core/readers).
import type { ParseRule } from './rule.ts';

const parse = (code: string, severity: ParseRule['severity'], summary: string): ParseRule => ({ scope: 'parse', code, severity, summary });

export const parseRules: ParseRule[] = [
  parse('yaml-syntax', 'error', 'A control file, front matter or crosswalk.yaml is not valid YAML, or a JSON file Crosswalk reads (JupiterOne mappings and config.json) is not valid JSON.'),
  parse('merge-conflict', 'error', 'A file still holds git merge conflict markers.'),
  parse('invalid-field', 'error', 'A field has the wrong shape (a list where text is expected, or the reverse).'),
  parse('unknown-field', 'warning', 'A field name that is probably a typo of a known one.'),
  parse('unmapped-ids', 'warning', 'A field that holds framework ids under a name no reader maps (map it with fields: in crosswalk.yaml).'),
  parse('unknown-framework', 'error', 'A mapping key that names no known framework.'),
  parse('config-invalid', 'error', 'A setting in crosswalk.yaml is not understood, or a framework file it names cannot be used.'),
  parse('unread-document', 'warning', 'A file in a comply document folder that comply itself does not read (in a sub-folder, or not .md).'),
  parse('unreadable-file', 'error', 'A catalogue file cannot be read (binary, too large, not UTF-8, or a read error).'),
];
