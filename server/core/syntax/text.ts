/** Drops a leading UTF-8 byte order mark, which editors on Windows like to add. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True for text that is plainly not a text file (NUL bytes, lone surrogates from bad UTF-8). */
export function looksBinary(text: string): boolean {
  return text.includes('\u0000');
}

/** Git leaves these in a file after a conflicted merge; YAML errors alone would hide the cause. */
export function conflictMarkers(text: string): number[] {
  const out: number[] = [];
  const re = /^(?:<{7}|={7}|>{7})(?: |$)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

/** Template text (Mustache, Handlebars, Go templates, Jinja): `{{...}}` or `{%...%}` a template set fills in later. */
export function hasPlaceholder(text: string): boolean {
  return /\{\{[^{}\n]{0,200}\}\}|\{%[^\n]{0,200}?%\}/.test(text);
}
