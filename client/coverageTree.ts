// The coverage tree: frameworks -> groups -> requirements -> covering
// controls and policies. It shows what the server's crosswalk/coverage
// request returns; no analysis happens here.
import * as vscode from 'vscode';
import type { CoverageReport, FrameworkCoverage, GroupCoverage, RequirementCoverage, CoveringEntity } from './protocol.ts';
import { frameworkDescription, groupDescription, isCitedOnly, requirementDescription, requirementTooltip } from './coverageLabels.ts';

export { pct } from './coverageLabels.ts';

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

/** Cited in a policy's text, mapped by nothing: neither a plain gap nor covered. */
const CITED_ONLY_ICON: [string, string] = ['quote', 'editorWarning.foreground'];

export class CoverageTree implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private report: CoverageReport | null = null;
  private root: vscode.Uri | undefined;
  private readonly nodes = new Map<object, Node>();
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
    this.nodes.clear();
    this.emitter.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!this.report) return [];
    if (!node) return this.report.frameworks.filter((f) => f.inScope).map((fw) => this.node(fw, () => ({ kind: 'framework', fw })));
    if (node.kind === 'framework') return node.fw.groups.filter((g) => !this.gapsOnly || g.totals.gap > 0).map((group) => this.node(group, () => ({ kind: 'group', fw: node.fw, group })));
    if (node.kind === 'group') return node.group.requirements.filter((r) => !this.gapsOnly || r.status === 'gap').map((req) => this.node(req, () => ({ kind: 'requirement', req })));
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

  /** The parents of frameworks, groups and requirements, which is what revealing a requirement needs. */
  getParent(node: Node): Node | undefined {
    if (node.kind === 'group') return this.nodes.get(node.fw);
    if (node.kind !== 'requirement') return undefined;
    for (const fw of this.report?.frameworks ?? []) {
      const group = fw.groups.find((g) => g.requirements.includes(node.req));
      if (group) return this.node(group, () => ({ kind: 'group', fw, group }));
    }
    return undefined;
  }

  /** The node of a requirement of an in-scope framework, for TreeView.reveal. */
  requirementNode(framework: string, id: string): Node | undefined {
    const fw = this.report?.frameworks.find((f) => f.framework === framework && f.inScope);
    const req = fw?.groups.flatMap((g) => g.requirements).find((r) => r.id === id);
    if (!fw || !req) return undefined;
    this.node(fw, () => ({ kind: 'framework', fw }));
    return this.node(req, () => ({ kind: 'requirement', req }));
  }

  /** One node object per framework, group and requirement of the report: TreeView.reveal finds nodes by identity. */
  private node(key: object, make: () => Node): Node {
    let n = this.nodes.get(key);
    if (!n) this.nodes.set(key, (n = make()));
    return n;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
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
