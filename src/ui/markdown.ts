// Markdown cells: marked for the text, KaTeX for $…$ and $$…$$ math, DOMPurify on the result, so a
// notebook, file or link can never run script in the page.
import DOMPurify from 'dompurify';
import katex from 'katex';
import { Marked } from 'marked';

const mathExtension = (display: boolean) => ({
  name: display ? 'displayMath' : 'inlineMath',
  level: display ? ('block' as const) : ('inline' as const),
  start: (src: string) => src.indexOf(display ? '$$' : '$'),
  tokenizer(src: string) {
    const match = (display ? /^\$\$([\s\S]+?)\$\$/ : /^\$([^$\n]+?)\$/).exec(src);
    return match ? { type: display ? 'displayMath' : 'inlineMath', raw: match[0], text: match[1].trim() } : undefined;
  },
  renderer: (token: { text?: string }) => katex.renderToString(token.text ?? '', { displayMode: display, throwOnError: false }),
});

const marked = new Marked({ extensions: [mathExtension(true), mathExtension(false)] });

export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true, mathMl: true, svg: true } });
}
