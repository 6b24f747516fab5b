// Header fields Crosswalk does not read but that documents carry for other
// tools (pandoc, R Markdown, static-site generators, document control), the
// names other tools give fields Crosswalk does read, and when an unknown field
// name is a typo worth pointing out.
import { editDistance } from '../text/similarity.ts';

/** Known fields of other tools and of document control, compared without case, '-' or '_'. */
const EXTRA_FIELDS = [
  // Document control and catalogue metadata.
  'status',
  'type',
  'tags',
  'notes',
  'category',
  'categories',
  'approved_by',
  'approver',
  'approvers',
  'approved',
  'approval_date',
  'effective_date',
  'effective',
  'classification',
  'procedures',
  'implementation',
  'automated',
  'references',
  'links',
  'layout',
  'template',
  'revision',
  'revision_history',
  'document_id',
  'doc_id',
  'audience',
  'department',
  'reviewer',
  'reviewers',
  'contact',
  'created',
  'updated',
  'last_updated',
  'last_modified',
  'next_review',
  'next_review_date',
  'expires',
  'retention',
  // pandoc and R Markdown.
  'subtitle',
  'author',
  'authors',
  'date',
  'abstract',
  'keywords',
  'subject',
  'lang',
  'output',
  'header-includes',
  'include-before',
  'include-after',
  'toc',
  'toc-depth',
  'toc-title',
  'number-sections',
  'geometry',
  'documentclass',
  'classoption',
  'fontsize',
  'mainfont',
  'sansfont',
  'monofont',
  'fontfamily',
  'papersize',
  'linestretch',
  'margin',
  'colorlinks',
  'linkcolor',
  'urlcolor',
  'lof',
  'lot',
  'bibliography',
  'csl',
  'link-citations',
  'nocite',
  'params',
  'editor_options',
  'always_allow_html',
  'institute',
  'thanks',
  'rights',
  'css',
  'self-contained',
  'reference-doc',
  'theme',
  'indent',
  'mainlang',
  // Static-site generators (Jekyll, Hugo, MkDocs, Docusaurus, Eleventy, Just the Docs).
  'permalink',
  'weight',
  'draft',
  'slug',
  'aliases',
  'lastmod',
  'publishdate',
  'expirydate',
  'menu',
  'nav_order',
  'parent',
  'grand_parent',
  'has_children',
  'nav_exclude',
  'sidebar',
  'sidebar_position',
  'sidebar_label',
  'hide',
  'hide_title',
  'excerpt',
  'image',
  'redirect_from',
  'redirect_to',
  'sitemap',
  'published',
  'order',
  'icon',
  'url',
  'series',
  'linktitle',
  'eleventynavigation',
  'eleventyexcludefromcollections',
  'pagination',
  'search_exclude',
  'comments',
  'last_modified_at',
  'header',
  'footer',
];

/**
 * Other tools' names for fields Crosswalk reads, by Crosswalk's name. The policy-as-code framework model
 * names each document by the id of its kind (`policy_id`, `standard_id`, `process_id`, `guidance_id`) and
 * its owners `owner_group`. Its standards, processes and guidance also carry their policy's `policy_id`:
 * beside another kind's id, `policy_id` names the parent, not the document.
 */
const OTHER_TOOLS: Record<string, readonly string[]> = {
  id: ['policy_id', 'standard_id', 'process_id', 'procedure_id', 'guidance_id'],
  owner: ['owner_group'],
};
const OTHER_NAME = new Map(Object.entries(OTHER_TOOLS).flatMap(([field, names]) => names.map((n) => [n, field] as const)));

/** The field a policy header's key holds under another tool's name (`policy_id` is the id), given the header's keys. */
export function otherToolsField(key: string, keys: readonly string[]): string | undefined {
  const field = OTHER_NAME.get(key);
  if (key === 'policy_id' && keys.some((k) => k !== key && OTHER_NAME.get(k) === 'id')) return undefined;
  return field;
}

const fold = (name: string): string => name.toLowerCase().replace(/[-_ ]/g, '');
const EXTRA = new Set(EXTRA_FIELDS.map(fold));

/** A field other tools or document control use: accepted without comment. */
export function isExtraField(name: string): boolean {
  return EXTRA.has(fold(name));
}

/**
 * The known field an unknown name is a plausible typo of, if any: one edit
 * away (`ownr`, `nmae`: two letters swapped count as one), or two in a name of five letters or more that starts with the
 * same letter (`onwer`). Two edits in a short name are another word (`date` is
 * not `name`), and a field of another tool is never a typo.
 */
export function fieldHint(name: string, known: Iterable<string>): string | undefined {
  if (isExtraField(name)) return undefined;
  const w = name.toLowerCase();
  let best: { field: string; d: number } | undefined;
  for (const field of known) {
    const f = field.toLowerCase();
    const d = swapped(w, f) ? 1 : editDistance(w, f, 2);
    if (d > 2 || (d === 0 && name === field)) continue;
    if (d === 2 && (w.length < 5 || w[0] !== field[0]!.toLowerCase())) continue;
    if (d === 1 && w.length < 3) continue;
    if (!best || d < best.d || (d === best.d && field.localeCompare(best.field) < 0)) best = { field, d };
  }
  return best?.field;
}

/** Whether `a` is `b` with two neighbouring letters swapped. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
