// The coverage tree: frameworks -> groups -> requirements -> covering
// controls and policies. It shows what the server's crosswalk/coverage
// request returns; no analysis happens here.
import * as vscode from 'vscode';
import type { CoverageReport, FrameworkCoverage, GroupCoverage, RequirementCoverage, CoveringEntity } from './protocol.ts';

type Counterpart = RequirementCoverage['counterparts'][number];

export type Node =
  | { kind: 'framework'; fw: FrameworkCoverage }
  | { kind: 'group'; fw: FrameworkCoverage; group: GroupCoverage }
  | { kind: 'requirement'; req: RequirementCoverage }
  | { kind: 'cover'; entity: CoveringEntity; what: 'control' | 'policy'; requirement: string }
  | { kind: 'counterpart'; counterpart: Counterpart; of: RequirementCoverage };

const ICON: Record<RequirementCoverage['status'], [string, string]> = {
  covered: ['pass', 'testing.iconPassed'],
  gap: ['error', 'testing.iconFailed'],
  excluded: ['circle-slash', 'disabledForeground'],
  'out-of-scope': ['dash', 'disabledForeground'],
};

export function pct(covered: number, gap: number): string {
  const applicable = covered + gap;
  return applicable === 0 ? '100%' : `${Math.round((covered / applicable) * 1000) / 10}%`;
}

export class CoverageTree implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private report: CoverageReport | null = null;
  private root: vscode.Uri | undefined;
  /** Shows only the gaps, and the groups that have some (the reviewer's view). */
  gapsOnly = false;

  setGapsOnly(on: boolean): void {
    this.gapsOnly = on;
    this.emitter.fire(undefined);
  }

  /** Gaps in the frameworks in scope: the view's badge. */
  gapCount(): number {
    return (this.report?.frameworks ?? []).filter((f) => f.inScope).reduce((n, f) => n + f.totals.gap, 0);
  }

  update(report: CoverageReport | null, root: vscode.Uri | undefined): void {
    this.report = report;
    this.root = root;
    this.emitter.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!this.report) return [];
    if (!node) return this.report.frameworks.filter((f) => f.inScope).map((fw) => ({ kind: 'framework', fw }));
    if (node.kind === 'framework') return node.fw.groups.filter((g) => !this.gapsOnly || g.totals.gap > 0).map((group) => ({ kind: 'group', fw: node.fw, group }));
    if (node.kind === 'group') return node.group.requirements.filter((r) => !this.gapsOnly || r.status === 'gap').map((req) => ({ kind: 'requirement', req }));
    if (node.kind === 'requirement') {
      // A gap shows its crosswalk counterparts: what elsewhere in the catalogue may already serve it.
      if (node.req.status === 'gap') return node.req.counterparts.map((counterpart) => ({ kind: 'counterpart' as const, counterpart, of: node.req }));
      const requirement = node.req.id;
      return [
        ...node.req.controls.map((entity) => ({ kind: 'cover' as const, entity, what: 'control' as const, requirement })),
        ...node.req.policies.map((entity) => ({ kind: 'cover' as const, entity, what: 'policy' as const, requirement })),
      ];
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'framework': {
        const t = node.fw.totals;
        const item = new vscode.TreeItem(node.fw.short, C.Expanded);
        item.description = `${t.covered}/${t.covered + t.gap} covered (${pct(t.covered, t.gap)})`;
        item.tooltip = node.fw.title;
        return item;
      }
      case 'group': {
        const t = node.group.totals;
        const item = new vscode.TreeItem(node.group.title, this.gapsOnly ? C.Expanded : C.Collapsed);
        item.description = `${t.covered}/${t.covered + t.gap}${t.gap ? ` · ${t.gap} gap${t.gap === 1 ? '' : 's'}` : ''}${t.excluded ? ` · ${t.excluded} excluded` : ''}${t.outOfScope ? ' · out of scope' : ''}`;
        return item;
      }
      case 'requirement': {
        const r = node.req;
        const count = r.controls.length + r.policies.length;
        const children = r.status === 'gap' ? r.counterparts.length : count;
        const item = new vscode.TreeItem(`${r.id} ${r.title}`, children > 0 ? C.Collapsed : C.None);
        const [icon, color] = ICON[r.status];
        item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
        item.description =
          r.status === 'covered' ? `${count} covering` : r.status === 'excluded' ? 'excluded' : r.status === 'gap' ? (r.managementSystem ? 'gap · management system' : 'gap') : 'out of scope';
        item.tooltip = r.justification ? `Excluded: ${r.justification}` : r.status === 'gap' ? gapNote(r) : `${r.id} ${r.title}: ${r.status}`;
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
        item.description = `${node.what} · ${node.entity.path}:${node.entity.line}${node.entity.via !== node.requirement ? ` (maps ${node.entity.via})` : ''}`;
        item.iconPath = new vscode.ThemeIcon(node.what === 'control' ? 'shield' : 'book');
        if (this.root) {
          const uri = vscode.Uri.joinPath(this.root, ...node.entity.path.split('/'));
          const line = Math.max(0, node.entity.line - 1);
          item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(line, 0, line, 0) }] };
        }
        return item;
      }
    }
  }
}

/** The tooltip of a gap: what the crosswalk says may already serve it, or why nothing does. */
function gapNote(r: RequirementCoverage): string {
  const lines = [`${r.id} ${r.title}: gap, nothing in this repository maps it`];
  const covered = r.counterparts.filter((c) => c.status === 'covered');
  if (covered.length > 0) lines.push(`Covered counterparts: ${covered.map((c) => `${c.id} (${c.strength})`).join(', ')}: their controls may serve it too`);
  else if (r.counterparts.length > 0) lines.push(`Counterparts, none covered: ${r.counterparts.map((c) => c.id).join(', ')}`);
  for (const n of r.noCounterpart ?? []) lines.push(`No ${n.framework} counterpart: ${n.note}`);
  if (r.managementSystem) lines.push('Management-system requirement: SOC 2 has no counterpart');
  return lines.join('\n');
}
