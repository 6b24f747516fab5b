// The coverage tree: frameworks -> groups -> requirements -> covering
// controls and policies, under one row per catalogue folder when the
// workspace has several. It shows what the server's crosswalk/coverage
// request returns; no analysis happens here.
import * as vscode from 'vscode';
import type { CoverageReport, FrameworkCoverage, GroupCoverage, RequirementCoverage, CoveringEntity } from './protocol.ts';
import { coverDescription, frameworkDescription, groupDescription, isCitedOnly, pct, requirementDescription, requirementTooltip } from './coverageLabels.ts';

export { pct } from './coverageLabels.ts';

type Counterpart = RequirementCoverage['counterparts'][number];

/** One catalogue folder's coverage; null while the server has not answered yet. */
export interface FolderCoverage {
  folder: vscode.WorkspaceFolder;
  report: CoverageReport | null;
}

export type Node =
  | { kind: 'folder'; entry: FolderCoverage }
  | { kind: 'framework'; folder: vscode.WorkspaceFolder; fw: FrameworkCoverage }
  | { kind: 'group'; folder: vscode.WorkspaceFolder; fw: FrameworkCoverage; group: GroupCoverage }
  | { kind: 'requirement'; folder: vscode.WorkspaceFolder; req: RequirementCoverage }
  | { kind: 'cover'; folder: vscode.WorkspaceFolder; entity: CoveringEntity; what: 'control' | 'policy'; requirement: string }
  | { kind: 'counterpart'; folder: vscode.WorkspaceFolder; counterpart: Counterpart; of: RequirementCoverage };

const ICON: Record<RequirementCoverage['status'], [string, string]> = {
  covered: ['pass', 'testing.iconPassed'],
  gap: ['error', 'testing.iconFailed'],
  excluded: ['circle-slash', 'disabledForeground'],
  'out-of-scope': ['dash', 'disabledForeground'],
};

/** Cited in a policy's text, mapped by nothing: neither a plain gap nor covered. */
const CITED_ONLY_ICON: [string, string] = ['quote', 'editorWarning.foreground'];

/** Whether nothing maps a requirement of the frameworks in scope yet: the view then shows its welcome instead. */
export function nothingMapped(report: CoverageReport): boolean {
  return report.frameworks.filter((f) => f.inScope).every((f) => f.totals.covered === 0);
}

/** The coverage of the frameworks in scope, as the status bar shows it: "SOC 2 89.5% · ISO 27001 68.6%". */
export function scopedSummary(report: CoverageReport | null): string {
  return (report?.frameworks ?? [])
    .filter((f) => f.inScope)
    .map((f) => `${f.short} ${pct(f.totals.covered, f.totals.gap)}`)
    .join(' · ');
}

export class CoverageTree implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private folders: FolderCoverage[] = [];
  // The nodes handed out, kept until the next change: a tree view finds an element it is to reveal by identity.
  private readonly children = new Map<Node | undefined, Node[]>();
  private readonly parents = new Map<Node, Node | undefined>();
  /** Shows only the gaps, and the groups that have some (the reviewer's view). */
  gapsOnly = false;

  setGapsOnly(on: boolean): void {
    this.gapsOnly = on;
    this.changed();
  }

  /** Gaps in the frameworks in scope, over all folders: the view's badge. */
  gapCount(): number {
    return this.folders.reduce((n, { report }) => n + (report?.frameworks ?? []).filter((f) => f.inScope).reduce((m, f) => m + f.totals.gap, 0), 0);
  }

  update(folders: FolderCoverage[]): void {
    this.folders = folders;
    this.changed();
  }

  private changed(): void {
    this.children.clear();
    this.parents.clear();
    this.emitter.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    let nodes = this.children.get(node);
    if (!nodes) {
      nodes = this.childrenOf(node);
      this.children.set(node, nodes);
      for (const n of nodes) this.parents.set(n, node);
    }
    return nodes;
  }

  getParent(node: Node): Node | undefined {
    return this.parents.get(node);
  }

  /** The row of a requirement, for the view to reveal (and with it the rows above it). */
  find(folder: vscode.WorkspaceFolder, framework: string, id: string): Node | undefined {
    const search = (nodes: Node[]): Node | undefined => {
      for (const n of nodes) {
        if (n.kind === 'requirement') {
          if (n.req.framework === framework && n.req.id === id) return n;
          continue;
        }
        if (n.kind === 'folder' && n.entry.folder.uri.toString() !== folder.uri.toString()) continue;
        if (n.kind === 'framework' && n.fw.framework !== framework) continue;
        const found = search(this.getChildren(n));
        if (found) return found;
      }
      return undefined;
    };
    return search(this.getChildren());
  }

  private childrenOf(node: Node | undefined): Node[] {
    if (!node) {
      // One folder: its frameworks at the top, as in a single-folder window. Nothing while every folder is empty, so the view shows its welcome.
      const shown = this.folders.filter((f) => f.report && !nothingMapped(f.report));
      if (shown.length === 0) return [];
      if (this.folders.length === 1) return this.frameworksOf(this.folders[0]!);
      return this.folders.map((entry) => ({ kind: 'folder', entry }));
    }
    const folder = node.kind === 'folder' ? node.entry.folder : node.folder;
    switch (node.kind) {
      case 'folder':
        return this.frameworksOf(node.entry);
      case 'framework':
        return node.fw.groups.filter((g) => !this.gapsOnly || g.totals.gap > 0).map((group) => ({ kind: 'group', folder, fw: node.fw, group }));
      case 'group':
        return node.group.requirements.filter((r) => !this.gapsOnly || r.status === 'gap').map((req) => ({ kind: 'requirement', folder, req }));
      case 'requirement': {
        // A gap shows its crosswalk counterparts: what elsewhere in the catalogue may already serve it.
        if (node.req.status === 'gap') return node.req.counterparts.map((counterpart) => ({ kind: 'counterpart' as const, folder, counterpart, of: node.req }));
        const requirement = node.req.id;
        return [
          ...node.req.controls.map((entity) => ({ kind: 'cover' as const, folder, entity, what: 'control' as const, requirement })),
          ...node.req.policies.map((entity) => ({ kind: 'cover' as const, folder, entity, what: 'policy' as const, requirement })),
        ];
      }
      default:
        return [];
    }
  }

  private frameworksOf({ folder, report }: FolderCoverage): Node[] {
    return (report?.frameworks ?? []).filter((f) => f.inScope).map((fw) => ({ kind: 'framework', folder, fw }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'folder': {
        const { folder, report } = node.entry;
        const item = new vscode.TreeItem(folder.name, C.Expanded);
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.description = !report ? 'analysing' : nothingMapped(report) ? 'nothing mapped yet' : scopedSummary(report);
        item.tooltip = folder.uri.fsPath;
        item.contextValue = 'folder';
        return item;
      }
      case 'framework': {
        const item = new vscode.TreeItem(node.fw.short, C.Expanded);
        item.description = frameworkDescription(node.fw);
        item.tooltip = node.fw.title;
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.group.title, this.gapsOnly ? C.Expanded : C.Collapsed);
        item.description = groupDescription(node.group);
        return item;
      }
      case 'requirement': {
        const r = node.req;
        const count = r.controls.length + r.policies.length;
        const children = r.status === 'gap' ? r.counterparts.length : count;
        const item = new vscode.TreeItem(`${r.id} ${r.title}`, children > 0 ? C.Collapsed : C.None);
        const [icon, color] = isCitedOnly(r) ? CITED_ONLY_ICON : ICON[r.status];
        item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
        item.description = requirementDescription(r);
        item.tooltip = requirementTooltip(r);
        item.contextValue = `requirement.${r.status}`;
        return item;
      }
      case 'counterpart': {
        const c = node.counterpart;
        const item = new vscode.TreeItem(c.id, C.None);
        item.description = `${c.framework} · ${c.relationship} · ${c.strength} · ${c.status}`;
        item.iconPath = new vscode.ThemeIcon('arrow-swap');
        item.tooltip = `${c.id} (${c.framework}) is a ${c.strength} crosswalk counterpart of ${node.of.id}, ${c.status} here${c.netNew ? '; this side is net-new management-system work' : ''}`;
        return item;
      }
      case 'cover': {
        const item = new vscode.TreeItem(node.entity.id, C.None);
        item.description = coverDescription(node.what, node.entity, node.requirement);
        item.iconPath = new vscode.ThemeIcon(node.what === 'control' ? 'shield' : 'book');
        item.command = { command: 'vscode.open', title: 'Open', arguments: entityLocation(node.folder, node.entity) };
        return item;
      }
    }
  }
}

/** Where a covering control or policy is: `vscode.open`'s arguments. */
export function entityLocation(folder: vscode.WorkspaceFolder, entity: CoveringEntity): [vscode.Uri, vscode.TextDocumentShowOptions] {
  const line = Math.max(0, entity.line - 1);
  return [vscode.Uri.joinPath(folder.uri, ...entity.path.split('/')), { selection: new vscode.Range(line, 0, line, 0) }];
}
