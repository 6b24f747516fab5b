import type { Fix } from '../types.ts';
import type { FrameworkRegistry } from '../knowledge/frameworks/registry.ts';
import { fileRule } from './rule.ts';
import { replaceFix, shortName } from './util.ts';
import { titleIndex, type OtherRequirement } from '../knowledge/titles.ts';

export const wrongTitle = fileRule({
  code: 'wrong-title',
  severity: 'warning',
  summary: 'A title written beside a framework id that does not describe that requirement; names the requirement it does describe.',
  check(file, ctx, finding) {
    const written = file.titledIds;
    if (!written || written.length === 0) return [];
    const reg = ctx.registry;
    const titles = titleIndex(reg);
    const out = [];
    for (const t of written) {
      if (titles.fits(t.framework, t.id, t.title)) continue;
      const own = titleOf(reg, t.framework, t.id);
      const meant = titles.meant(t.title, editions(reg, t.framework), t);
      const fixes: Fix[] = [];
      let message: string;
      if (meant) {
        const other = meant.framework === t.framework ? meant.id : `${meant.id} of the ${editionOf(reg, meant.framework)} edition (${shortName(reg, meant.framework)})`;
        const id = idChoice(reg, meant, t.framework);
        const choices = [id, own ? `the title '${own}'` : undefined].filter((c) => c !== undefined);
        message = `'${t.title}' is not the title of ${t.id} (${own ?? 'untitled'}): it is that of ${other}${choices.length > 0 ? `; did you mean ${choices.join(', or ')}?` : ''}`;
        if (id) fixes.push(replaceFix(`Change the id to ${id}`, file.path, t.idRange, t.raw.endsWith(t.id) ? t.raw.slice(0, t.raw.length - t.id.length) + id : id));
      } else {
        message = `'${t.title}' does not describe ${shortName(reg, t.framework)} ${t.id} (${own ?? 'untitled'}): check the id, or use its title`;
      }
      if (own) fixes.push(replaceFix(`Change the title to '${own}'`, file.path, t.titleRange, own));
      out.push(finding(file.path, t.titleRange, message, fixes));
    }
    return out;
  },
});

function titleOf(reg: FrameworkRegistry, framework: string, id: string): string | undefined {
  return reg.requirement(framework, id)?.title ?? reg.group(framework, id)?.title;
}

/** The framework and its other editions (a 2013 title beside a 2022 id, or the reverse). */
function editions(reg: FrameworkRegistry, framework: string): string[] {
  const fw = reg.framework(framework);
  const out = [framework];
  if (fw?.successor) out.push(fw.successor);
  for (const other of reg.frameworks) if (other.successor === framework) out.push(other.id);
  return out;
}

function editionOf(reg: FrameworkRegistry, framework: string): string {
  return reg.framework(framework)?.edition ?? shortName(reg, framework);
}

/** The id to write instead, in the edition of the written id: a withdrawn control's one successor, or the requirement itself. */
function idChoice(reg: FrameworkRegistry, meant: OtherRequirement, framework: string): string | undefined {
  if (meant.framework === framework) return meant.id;
  const successors = reg.requirement(meant.framework, meant.id)?.successors;
  if (reg.framework(meant.framework)?.successor === framework) return successors?.length === 1 ? successors[0] : undefined;
  // A 2022 title beside a 2013 id: the 2013 control that became it, when there is one.
  const from = reg.requirement(meant.framework, meant.id)?.iso2013;
  return from?.length === 1 ? from[0] : undefined;
}
