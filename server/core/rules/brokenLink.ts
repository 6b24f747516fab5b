import type { Finding, Fix } from '../types.ts';
import type { FileFacts, Link } from '../model/facts.ts';
import { workspaceRule } from './rule.ts';
import { editDistance } from '../text/similarity.ts';
import { replaceFix } from './util.ts';

export const brokenLink = workspaceRule({
  code: 'broken-link',
  severity: 'warning',
  summary: 'A relative link or image in a policy whose file is not in the repository, or whose #anchor is no heading there; links to a path on one machine.',
  keysArePaths: true,
  *keys(file) {
    // Its own path: links to its headings are checked with it, and its local paths are reported there.
    if (file.kind === 'policy') yield file.path;
    for (const l of file.links ?? []) if (l.target !== undefined) yield l.target;
  },
  check(key, index, _ctx, members, finding) {
    const out: Finding[] = [];
    const target = index.file(key);
    const there = index.exists(key);
    for (const file of members) {
      for (const l of file.links ?? []) {
        if (l.target === undefined) {
          if (file.path !== key) continue;
          const why = l.outside ? 'climbs out of the repository' : 'is a path on one machine';
          out.push(finding(file.path, l.range, `link to '${l.raw}' ${why}: link to a file in the repository, relative to this one`));
          continue;
        }
        if (l.target !== key) continue;
        // A template (`access.md.tmpl`) links to what the others render to: `data.md` is there as `data.md.tmpl`.
        const rendered = !there && file.path.endsWith(TEMPLATE) && index.exists(key + TEMPLATE);
        if (!there && !rendered) {
          const moved = [...index.pathsNamed(key.slice(key.lastIndexOf('/') + 1))]
            .sort()
            .slice(0, 2)
            .map((p) => relative(file.path, p) + (l.anchor === undefined ? '' : `#${l.anchor}`));
          const hint = moved.length === 0 ? '' : `; did you mean ${moved.map((m) => `'${m}'`).join(' or ')}?`;
          out.push(finding(file.path, l.range, `link to '${l.raw}': there is no ${key} in the repository${hint}`, fixesFor(file, l, moved)));
          continue;
        }
        // A rendered template's headings are not known: its builder may add sections from other files.
        if (rendered || l.anchor === undefined || target?.anchors === undefined) continue;
        const anchor = l.anchor.toLowerCase();
        if (target.anchors.includes(anchor)) continue;
        // Close in spelling, or one inside the other ("#reviews" for "#user-reviews").
        const close = target.anchors
          .filter((a) => editDistance(a, anchor, 3) <= 3 || (a.length >= 3 && (a.includes(anchor) || anchor.includes(a))))
          .sort((a, b) => editDistance(a, anchor, 3) - editDistance(b, anchor, 3) || a.localeCompare(b))
          .slice(0, 2);
        const hint = close.length === 0 ? '' : `; did you mean ${close.map((a) => `'#${a}'`).join(' or ')}?`;
        const base = l.raw.slice(0, l.raw.indexOf('#'));
        out.push(
          finding(
            file.path,
            l.range,
            `link to '${l.raw}': ${key} has no heading with the anchor '#${l.anchor}'${hint}`,
            fixesFor(
              file,
              l,
              close.map((a) => `${base}#${a}`),
            ),
          ),
        );
      }
    }
    return out;
  },
});

const TEMPLATE = '.tmpl';

function fixesFor(file: FileFacts, l: Link, choices: string[]): Fix[] {
  return choices.map((c, i) => replaceFix(`Link to '${c}'`, file.path, l.range, c, i === 0 && choices.length === 1));
}

/** The path of `to` as a link from the file `from` writes it. */
function relative(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let same = 0;
  while (same < a.length && same < b.length - 1 && a[same] === b[same]) same++;
  const up = a.length - same;
  const rest = b.slice(same).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}
