// What one catalogue file says, as plain serialisable data with ranges: the
// unit the engine caches per file and the rules read. Syntax trees are not
// kept: rules get everything they need (including where fixes would insert
// text) from here.
import type { Finding, Position, Range } from '../types.ts';
import type { IsoEdition, Resolution } from './resolution.ts';
import type { Frequency } from './frequency.ts';

export type EntityKind = 'control' | 'policy';

/** What a Markdown document is, as its folder says: all are read as policies, and messages name them by kind. */
export type DocumentKind = 'policy' | 'narrative' | 'procedure';

export interface Field {
  text: string;
  range: Range;
}

/** Where and how to add one more item to a list, so fixes keep the author's style. */
export interface Appender {
  position: Position;
  /** Text to insert with `$ID` standing for the new item. */
  template: string;
  /** Template for the first item when the list is empty. */
  emptyTemplate?: string;
}

export interface IdRef {
  raw: string;
  range: Range;
  where: 'mapping' | 'prose' | 'config';
  resolution: Resolution;
  /** YAML would read the written text as a different value (5.10 -> 5.1). */
  lossy?: boolean;
  /** The id of the control or policy it belongs to. */
  owner?: string;
  /** Range that removes this item from its list, separators included. */
  deleteRange?: Range;
  /**
   * Prose of a policy: where the id stands declares that the document maps it (a heading about the
   * requirement, an item of a section that lists mappings, an applicable row of a Statement of
   * Applicability table), so coverage counts it; a sentence that names it only cites it.
   */
  declaredIn?: TextMappingPlace;
  /** Prose of a policy: a Statement of Applicability table row that excludes the control, with its justification. */
  excludedBecause?: Field;
}

/** Where a policy's text declares a mapping: a heading, a section that lists mappings, a Statement of Applicability row. */
export type TextMappingPlace = 'heading' | 'section' | 'soa';

export interface Mapping {
  key: string;
  keyRange: Range;
  /** Framework the key names; undefined when the key is not a known framework. */
  framework?: string;
  ids: IdRef[];
  append?: Appender;
  /**
   * Its ISO 27001:2013 ids count for their 2022 successors: the file's format fixes the
   * edition (a JupiterOne `ISO/IEC 27002:2013` mapping), so they are read, not migrated.
   */
  successorsCount?: true;
}

export interface EntityRef {
  kind: EntityKind;
  id: string;
  range: Range;
  /** The field it was written in, for messages. */
  field: string;
  /** A policy's `controls: [{id, frequency}]`: how often the policy says the control operates. */
  frequency?: Field;
}

export interface Evidence {
  id?: string;
  description?: string;
  source?: string;
  range: Range;
}

export interface Entity {
  kind: EntityKind;
  id?: string;
  /** The id value, or the start of the entity when it has none. */
  idRange: Range;
  /** The whole control mapping or front matter. */
  range: Range;
  title?: Field;
  /** JupiterOne: the title is the name config.json lists the document under; its range is the heading, which may say otherwise. */
  titleListed?: true;
  description?: Field;
  owner?: Field;
  /** Controls: `frequency`. Policies: `review_frequency`. */
  frequency?: Field;
  version?: Field;
  lastReviewed?: Field;
  /** Keys holding a framework's ids under a name no reader maps (`tsc_criteria:`), with that framework. */
  unmappedKeys?: Array<{ key: string; framework: string }>;
  /** Policies: the ISO 27001 edition the document says its ids are written in (`iso_edition`). */
  isoEdition?: Field;
  /** Policies: the language of a translated document (`lang: de`); translations share an id. */
  lang?: Field;
  /** A comply procedure's `cron:` schedule, as written. */
  schedule?: Field;
  evidence: Evidence[];
  mappings: Mapping[];
  /** Where a new mapping key goes (`$KEY` and `$IDS` in the template). */
  newMapping?: Appender;
  refs: EntityRef[];
  /** Policies: the systems or areas the policy declares it applies to. */
  scope?: Field[];
  /** strongdm/comply documents use name/acronym/majorRevisions; `body`: a policy without front matter, described by its body. */
  style: 'crosswalk' | 'comply' | 'body';
  /** A narrative or procedure (a policy when absent). */
  document?: DocumentKind;
  /**
   * Declared in a file with a YAML syntax error: only the id was read, so
   * references to it elsewhere still resolve. File rules do not see it.
   */
  partial?: true;
  /**
   * Mappings a mapping file (JupiterOne's standards/*.json) adds to the document with this id.
   * It defines nothing: the document's own file does. The duplicate and reference rules do not
   * count it as a definition, file rules do not check it, and coverage counts its mappings for that
   * document. Its `refs` name the document, so a mapping of a document that does not exist is reported.
   */
  mappingOnly?: true;
}

/** "Access reviews are performed quarterly": a recurring activity and how often, as a document states it. */
export interface Statement {
  activity: string;
  frequency: Frequency;
  /** The frequency as written. */
  phrase: string;
  range: Range;
  /** The control or policy that states it. */
  owner?: string;
  /** A control's `frequency:` field, a policy's `review_frequency:` or the frequency it prescribes for a control, or prose. */
  source: 'field' | 'prose';
  /** What the activity is done to, when the statement names it ("the production database"). */
  object?: StatementObject;
  /** The control the statement is explicitly about: the control's own `frequency:`, or what a policy prescribes for that control id. */
  control?: string;
  /** What the sentence says is done with the activity, when it says so in a verb of one kind (readers/prose/activityVerb.ts). */
  verb?: ActivityVerb;
}

/** Kinds of task on an activity: reviewing what exists, updating it, or performing the activity. */
export type ActivityVerb = 'review' | 'update' | 'perform';

export interface StatementObject {
  /** As written ("HR systems"). */
  text: string;
  /** Compared between statements: lower case, plurals and generic words ("system") dropped ("hr"). */
  key: string;
}

export interface Definition {
  term: string;
  /** Normalised term, for grouping across documents. */
  key: string;
  definition: string;
  range: Range;
  owner?: string;
}

/** A framework id written with a title beside it: "### CC6.5 — Access review", "| A.8.12 | Data leakage prevention |". */
export interface TitledId {
  /** The id as resolved (valid or of a withdrawn edition). */
  framework: string;
  id: string;
  /** The id as written ("Clause 9.2", "Annex A.5.15"). */
  raw: string;
  idRange: Range;
  title: string;
  titleRange: Range;
}

/** A document named in prose: "the Vendor Management Policy". */
export interface Citation {
  /** The name as written, from its first word to its document noun. */
  name: string;
  range: Range;
}

/** A relative Markdown link or image in a document. */
export interface Link {
  /** The target as written. */
  raw: string;
  /** The file it points to, repository-relative; undefined for a path on one machine (`/Users/...`, `C:\\...`) or above the repository. */
  target?: string;
  /** It climbs out of the repository (`../../..`). */
  outside?: true;
  /** The `#fragment`, without `#`, when there is one. */
  anchor?: string;
  range: Range;
}

/** `standard`: a comply standards/*.yml catalogue. */
/** `unread`: a file in a document folder that the layout's own tool skips; reported, not read. */
/** `mapping`: a JupiterOne standards/*.json file mapping documents to framework requirements. */
export type FileKind = 'controls' | 'policy' | 'config' | 'standard' | 'unread' | 'mapping';

export interface FileFacts {
  path: string;
  kind: FileKind;
  entities: Entity[];
  /** Framework ids found in prose: policy bodies and control descriptions. */
  prose: IdRef[];
  /** Syntax and structure problems found while reading the file. */
  findings: Finding[];
  /** Number of lines, for range clamping at the edges. */
  lines: number;
  statements?: Statement[];
  definitions?: Definition[];
  /** The ISO 27001 edition the file's ids were read in, when not 2022 (declared by the document or crosswalk.yaml). */
  isoEdition?: IsoEdition;
  /** A narrative or procedure (a policy, a control file or crosswalk.yaml when absent). */
  document?: DocumentKind;
  /** A Markdown document with no header at all (no front matter, no comply header): its first line. */
  headerless?: Range;
  /** MinHash signature of a policy's wording (absent when too short to compare). */
  fingerprint?: number[];
  titledIds?: TitledId[];
  citations?: Citation[];
  links?: Link[];
  /** GitHub heading slugs of a Markdown document, for links to `file.md#slug`. */
  anchors?: string[];
  /** A mapping file: how many of its requirement ids belong to standards Crosswalk does not bundle, by standard. */
  unbundled?: Record<string, number>;
}

/**
 * Stores a file's lists at their size. Facts live as long as the catalogue is
 * open, and an array grown by push keeps room for 16 more items: on a large
 * catalogue that was a tenth of the memory.
 */
export function compactFacts(facts: FileFacts): FileFacts {
  const tight = <T>(a: T[]): T[] => (a.length === 0 ? a : a.slice());
  facts.entities = tight(facts.entities);
  facts.prose = tight(facts.prose);
  facts.findings = tight(facts.findings);
  if (facts.statements) facts.statements = tight(facts.statements);
  if (facts.definitions) facts.definitions = tight(facts.definitions);
  if (facts.titledIds) facts.titledIds = tight(facts.titledIds);
  if (facts.citations) facts.citations = tight(facts.citations);
  if (facts.links) facts.links = tight(facts.links);
  if (facts.anchors) facts.anchors = tight(facts.anchors);
  for (const e of facts.entities) {
    e.evidence = tight(e.evidence);
    e.mappings = tight(e.mappings);
    e.refs = tight(e.refs);
    if (e.scope) e.scope = tight(e.scope);
    for (const m of e.mappings) m.ids = tight(m.ids);
  }
  return facts;
}
