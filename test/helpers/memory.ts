// Test doubles: an in-memory repository and a project over it, using the
// real bundled framework files.
import type { FileSource } from '../../server/core/types.ts';
import { Project } from '../../server/core/engine/project.ts';
import { readBundled } from '../../server/host/bundled.ts';

export class MemoryFiles implements FileSource {
  readonly files: Map<string, string>;
  constructor(files: Record<string, string> = {}) {
    this.files = new Map(Object.entries(files));
  }
  async list(): Promise<string[]> {
    return [...this.files.keys()].sort();
  }
  async read(path: string): Promise<string> {
    const t = this.files.get(path);
    if (t === undefined) throw new Error(`no such file: ${path}`);
    return t;
  }
}

export const TODAY = '2026-11-24';

export async function projectOf(files: Record<string, string>, today = TODAY): Promise<Project> {
  const p = await Project.load(new MemoryFiles(files), readBundled(), { today });
  await p.scan();
  return p;
}

/** Findings as compact strings: "path:line:col-line:col severity rule: message" (1-based). */
export function brief(p: Project, path?: string): string[] {
  const list = path === undefined ? p.allFindings() : p.findings(path);
  return list.map((f) => `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}-${f.range.end.line + 1}:${f.range.end.character + 1} ${f.severity} ${f.rule}: ${f.message}`);
}

/** Applies text edits (all in one file) to a text. */
export function applyEdits(text: string, edits: ReadonlyArray<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
