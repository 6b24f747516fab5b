// '*' wildcards (scope.isms entries in crosswalk.yaml) matched without a
// regular expression: the parts between stars are found left to right with
// indexOf, each at its earliest place, which is right for patterns whose only
// wildcard is '*'. No backtracking: at most one search per part, so
// "*a*a*a*a*b" against a long name costs a few scans of it, not exponential time.

/** Whether `text` matches `pattern`, in which '*' stands for any run of characters (none included). */
export function wildcardMatch(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    if (part === '') continue;
    const found = text.indexOf(part, at);
    if (found === -1 || found + part.length > end) return false;
    at = found + part.length;
  }
  return true;
}
