// A repository's own framework and crosswalk files, in either format: the
// plain one of docs/format.md, or a CISO Assistant library (told apart by its
// shape). Mapping libraries name frameworks by urn, so the frameworks read
// before them are remembered here by urn.
import { loadCrosswalk, loadFramework } from './load.ts';
import { BUNDLED_URNS, bundledIndex, isCisoLibrary, readFrameworkLibrary, readMappingLibrary, type LibraryProblem, type UrnIndex } from './cisoLibrary.ts';
import type { Crosswalk, Framework } from './model.ts';

export interface CustomRead<T> {
  values: T[];
  /** Problems that leave the rest of the file usable; a file that cannot be used at all throws FrameworkDataError. */
  problems: LibraryProblem[];
}

/** Problems listed per file: a library of thousands of bad nodes must not bury crosswalk.yaml's other findings. */
export const MAX_PROBLEMS_PER_FILE = 50;

function capped(problems: LibraryProblem[]): LibraryProblem[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return problems;
  const kept = problems.slice(0, MAX_PROBLEMS_PER_FILE);
  kept.push({ offset: problems[MAX_PROBLEMS_PER_FILE]!.offset, message: `${problems.length - MAX_PROBLEMS_PER_FILE} more problems from here on are not listed: fix these first` });
  return kept;
}

export class CustomFiles {
  private readonly byUrn = new Map<string, UrnIndex>();

  /** `frameworks`: every framework known so far (bundled first); frameworks read here are appended by the caller. */
  constructor(private readonly frameworks: readonly Framework[]) {}

  framework(text: string, path: string): CustomRead<Framework> {
    const read = isCisoLibrary(text) ? readFrameworkLibrary(text, path) : { value: { framework: loadFramework(text, path), index: undefined, urn: undefined }, problems: [] };
    const fw = read.value!.framework;
    // An id another framework has is refused by the engine, which knows which files are bundled.
    if (read.value?.index && read.value.urn) this.byUrn.set(read.value.urn, read.value.index);
    return { values: [fw], problems: capped(read.problems) };
  }

  crosswalk(text: string, path: string): CustomRead<Crosswalk> {
    if (!isCisoLibrary(text)) return { values: [loadCrosswalk(text, path)], problems: [] };
    const read = readMappingLibrary(text, path, (urn) => this.indexOf(urn));
    return { values: read.value, problems: capped(read.problems) };
  }

  private indexOf(urn: string): UrnIndex | undefined {
    const own = this.byUrn.get(urn);
    if (own) return own;
    const bundled = BUNDLED_URNS[urn];
    const fw = bundled === undefined ? undefined : this.frameworks.find((f) => f.id === bundled);
    return fw ? bundledIndex(urn, fw) : undefined;
  }
}
