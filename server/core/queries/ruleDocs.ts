// Where a rule is documented: its section of docs/rules.md, which has one
// heading per rule code, linked the way GitHub names heading anchors.

/** GitHub's anchor for a Markdown heading: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The address of a rule's section, from the address of the repository on the web. */
export function ruleDocsUrl(repository: string, rule: string): string {
  return `${repository.replace(/\/+$/, '')}/blob/main/docs/rules.md#${headingAnchor(rule)}`;
}

/** The web address of a repository from package.json's `repository.url` (`git+https://...x.git` -> `https://...x`). */
export function repositoryWebUrl(url: string): string {
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}
