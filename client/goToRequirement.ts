// *Crosswalk: Go to Requirement...*: every requirement of the frameworks in
// scope, found by id or by a word of its title, with its coverage. A covered
// one opens what covers it, a gap offers a new control; either can be shown
// in the coverage view. The requirements come from the coverage the view
// already shows (crosswalk/coverage).
import * as vscode from 'vscode';
import type { FolderCoverage } from './coverageTree.ts';
import { entityLocation } from './coverageTree.ts';
import type { RequirementCoverage } from './protocol.ts';
import { requirementStatus } from './requirementStatus.ts';
import { coverDescription } from './coverageLabels.ts';

export interface RequirementActions {
  reveal(folder: vscode.WorkspaceFolder, req: RequirementCoverage): Promise<void>;
  newControl(folder: vscode.WorkspaceFolder, req: RequirementCoverage): Promise<void>;
}

type RequirementItem = vscode.QuickPickItem & { folder?: vscode.WorkspaceFolder; req?: RequirementCoverage };

const ICON: Record<RequirementCoverage['status'], string> = { covered: 'pass', gap: 'error', excluded: 'circle-slash', 'out-of-scope': 'dash' };

export async function goToRequirement(folders: readonly FolderCoverage[], actions: RequirementActions): Promise<void> {
  const items: RequirementItem[] = [];
  for (const { folder, report } of folders) {
    for (const fw of report?.frameworks ?? []) {
      if (!fw.inScope) continue;
      items.push({ kind: vscode.QuickPickItemKind.Separator, label: folders.length > 1 ? `${folder.name} · ${fw.short}` : fw.short });
      for (const group of fw.groups) {
        for (const req of group.requirements) {
          items.push({ label: `$(${ICON[req.status]}) ${req.id}`, description: `${req.title} · ${requirementStatus(req)}`, folder, req });
        }
      }
    }
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Crosswalk: Go to Requirement',
    placeHolder: 'A requirement by id or by a word of its title (supplier, backup, ...)',
    matchOnDescription: true,
  });
  if (!chosen?.folder || !chosen.req) return;
  await act(chosen.folder, chosen.req, actions);
}

type ActionItem = vscode.QuickPickItem & { run: () => Thenable<unknown> };

/** What to do with the chosen requirement: open what covers it, or write a new control for a gap; or show it in the view. */
async function act(folder: vscode.WorkspaceFolder, req: RequirementCoverage, actions: RequirementActions): Promise<void> {
  const reveal: ActionItem = { label: '$(list-tree) Reveal in Coverage View', run: () => actions.reveal(folder, req) };
  const options: ActionItem[] = [];
  if (req.status === 'covered') {
    const seen = new Set<string>();
    for (const [what, entities] of [
      ['control', req.controls],
      ['policy', req.policies],
    ] as const) {
      for (const entity of entities) {
        const key = `${entity.id}\u0000${entity.path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        options.push({
          label: `$(${what === 'control' ? 'shield' : 'book'}) ${entity.id}`,
          description: coverDescription(what, entity),
          run: () => vscode.commands.executeCommand('vscode.open', ...entityLocation(folder, entity)),
        });
      }
    }
  } else if (req.status === 'gap') {
    options.push({ label: `$(new-file) New Control for ${req.id}`, description: req.title, run: () => actions.newControl(folder, req) });
  }
  if (options.length === 0) {
    await actions.reveal(folder, req);
    return;
  }
  const pick = await vscode.window.showQuickPick([...options, reveal], {
    title: `${req.id} ${req.title}: ${requirementStatus(req)}`,
    placeHolder: req.status === 'covered' ? 'Open what covers it' : 'Write a control that maps it',
  });
  await pick?.run();
}
