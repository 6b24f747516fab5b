// Repository paths as the core compares them.

/** `a/./b/../c/` as `a/c`, '/'-separated ('' for the root itself); undefined when it climbs out of the repository. */
export function normalisePath(p: string): string | undefined {
  const parts: string[] = [];
  for (const part of p.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}
