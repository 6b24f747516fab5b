import { workspaceRule } from './rule.ts';

/**
 * A document without a header is a slip only where the repository's other
 * documents have one: many repositories keep plain Markdown policies, whose
 * ids in the body are checked all the same.
 */
export const missingFrontMatter = workspaceRule({
  code: 'missing-front-matter',
  severity: 'warning',
  summary: 'A Markdown document with no front matter, in a repository whose other documents have one.',
  *keys(file) {
    if (file.kind === 'policy') yield 'documents';
  },
  minMembers: 2,
  reads: (file) => JSON.stringify([file.headerless, file.entities[0]?.style]),
  check(_key, _index, _ctx, members, finding) {
    const withHeader = members.filter((f) => !f.headerless);
    if (withHeader.length === 0) return [];
    const comply = withHeader.some((f) => f.entities[0]?.style === 'comply');
    const how = comply
      ? `start it with its 'name:' and 'acronym:' lines closed by a '---' line, as the other documents here do`
      : `start it with a '---' block holding id, title, owner and review_frequency, as the other documents here do`;
    return members.flatMap((f) => (f.headerless ? [f] : [])).map((f) => finding(f.path, f.headerless!, `no front matter: ${how}, or exclude the file with 'ignore' in crosswalk.yaml`));
  },
});
