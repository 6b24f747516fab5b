// Markdown policies without front matter: what the body states about the
// document (a document-control table, "**Owner:** ..." lines) is read where
// it is stated once, and the prose rules see the body.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, projectOf } from './helpers/memory.ts';

test('a document-control table and labelled lines give id, title, owner, version and review date', async () => {
  const p = await projectOf({
    'policies/access.md':
      '# Access Control Policy\n\n| Field | Value |\n|---|---|\n| Document ID | ISP-07 |\n| Owner | Head of IT |\n| Version | 1.3 |\n| Last reviewed | 2024-05-02 |\n| Effective date | 2024-06-01 |\n\n## Purpose\n\nWe meet CC6.1. Access reviews are performed quarterly.\n',
    'policies/backup.md': '# Backup Policy\n\n**Owner:** IT Operations\n**Review date:** 14 March 2026\n\nBackups are tested. Access reviews are performed annually.\n',
    'policies/plain.md': '# Plain\n\nOwner: A\nOwner: B\n',
  });
  assert.deepEqual(brief(p), [
    'policies/access.md:8:19-8:29 warning stale-review: policy ISP-07 was last reviewed on 2024-05-02, 936 days ago; its review frequency is annual by default (365 days): review it and update the review date it states',
    "policies/access.md:13:9-13:14 info cited-only: CC6.1 (Logical access security software, infrastructure and architecture over protected assets) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
    'policies/access.md:13:45-13:54 warning conflicting-frequency: access review: quarterly here, but annual in policies/backup.md:6; the stricter frequency (this one) wins: align the others',
    'policies/backup.md:6:50-6:58 warning conflicting-frequency: access review: annual here, but quarterly in policies/access.md:13 (ISP-07); the stricter frequency wins: make it quarterly',
  ]);
  const read = (path: string): unknown => p.catalogue.file(path)!.entities.map((e) => [e.id, e.title?.text, e.owner?.text, e.version?.text, e.lastReviewed?.text]);
  assert.deepEqual(read('policies/access.md'), [['ISP-07', 'Access Control Policy', 'Head of IT', '1.3', '2024-05-02']]);
  assert.deepEqual(read('policies/backup.md'), [[undefined, 'Backup Policy', 'IT Operations', undefined, '2026-03-14']]);
  // Two owners: neither is taken; the first heading still titles the document.
  assert.deepEqual(read('policies/plain.md'), [[undefined, 'Plain', undefined, undefined, undefined]]);
});

test('a policy without front matter is titled by its first # heading outside code, so citations of that title resolve', async () => {
  const p = await projectOf({
    'policies/Vendor_Policy.md': '```\n# not a title\n```\n# Vendor Policy\n\nThis Vendor Policy applies to every supplier.\n',
    'policies/Onboarding.md': '# Onboarding Procedure\n\nSuppliers follow the Vendor Policy.\n',
  });
  assert.deepEqual(
    p.catalogue.file('policies/Vendor_Policy.md')!.entities.map((e) => [e.id, e.title?.text, e.title?.range.start.line, e.style]),
    [[undefined, 'Vendor Policy', 3, 'body']],
  );
  assert.deepEqual(brief(p), []);
});
