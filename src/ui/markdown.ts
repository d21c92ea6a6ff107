// Markdown cells: marked for the text, KaTeX for $…$ and $$…$$ math. The user's HTML goes through
// DOMPurify with an allow-list (no style, forms, frames, SVG or foreign images: a shared notebook can
// neither run script nor restyle the page, phish or track). Math is rendered by KaTeX into slots
// after sanitising, so its own inline styles are the only ones that reach the page.
import DOMPurify from 'dompurify';
import katex from 'katex';
import { Marked } from 'marked';

const ALLOWED_TAGS = [
  'a',
  'b',
  'blockquote',
  'br',
  'code',
  'del',
  'div',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'i',
  'img',
  'kbd',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'span',
  'strong',
  'sub',
  'sup',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'u',
  'ul',
];
const ALLOWED_ATTR = ['href', 'title', 'alt', 'src', 'align', 'colspan', 'rowspan', 'start', 'data-math'];
const SAFE_LINK = /^(https?:|mailto:|#)/i;

/** Where images may come from: this page's origin or inline `data:` images. */
function isOwnImage(src: string, pageUrl: string): boolean {
  if (/^data:image\//i.test(src)) return true;
  try {
    return new URL(src, pageUrl).origin === new URL(pageUrl).origin;
  } catch {
    return false;
  }
}

const FOREIGN_IMAGE_TITLE = 'An image from another site, not loaded: follow the link to see it';

/**
 * Sanitises on a private DOMPurify instance (its hooks touch no one else's). The hook runs inside
 * DOMPurify's inert document, so a foreign image is replaced by a link before anything could fetch it.
 */
function sanitise(html: string, pageUrl: string): string {
  const purify = DOMPurify(window);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!SAFE_LINK.test(href)) node.removeAttribute('href');
      node.setAttribute('rel', 'noopener noreferrer');
      if (/^https?:/i.test(href)) node.setAttribute('target', '_blank');
    } else if (node.tagName === 'IMG') {
      const src = node.getAttribute('src') ?? '';
      if (isOwnImage(src, pageUrl)) return;
      const link = node.ownerDocument.createElement('a');
      link.textContent = `image: ${node.getAttribute('alt') || src}`;
      link.title = FOREIGN_IMAGE_TITLE;
      if (/^https?:/i.test(src)) Object.assign(link, { href: src, rel: 'noopener noreferrer', target: '_blank' });
      node.replaceWith(link);
    }
  });
  return purify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false });
}

function mathExtension(display: boolean, slots: string[]) {
  return {
    name: display ? 'displayMath' : 'inlineMath',
    level: display ? ('block' as const) : ('inline' as const),
    start: (src: string) => src.indexOf(display ? '$$' : '$'),
    tokenizer(src: string) {
      const match = (display ? /^\$\$([\s\S]+?)\$\$/ : /^\$([^$\n]+?)\$/).exec(src);
      return match ? { type: display ? 'displayMath' : 'inlineMath', raw: match[0], text: match[1].trim() } : undefined;
    },
    renderer: (token: { text?: string }) => {
      slots.push(katex.renderToString(token.text ?? '', { displayMode: display, throwOnError: false, trust: false }));
      return `<span data-math="${slots.length - 1}"></span>`;
    },
  };
}

export function renderMarkdown(text: string, pageUrl = location.href): string {
  const slots: string[] = [];
  const marked = new Marked({ extensions: [mathExtension(true, slots), mathExtension(false, slots)] });
  const html = sanitise(marked.parse(text, { async: false }), pageUrl);
  // A slot the author typed by hand can only repeat math this text already has.
  return html.replace(/<span data-math="(\d+)"><\/span>/g, (_, i: string) => slots[Number(i)] ?? '');
}
