import MarkdownIt from 'markdown-it';

/**
 * Markdown as officers write it (country briefs, risk alerts), rendered to HTML that is safe to
 * insert in a page: raw HTML in the source is escaped, not passed through (`html: false`), and
 * markdown-it's link check drops `javascript:`, `vbscript:`, `file:` and non-image `data:` links.
 */
const renderer = new MarkdownIt({ html: false, linkify: false, typographer: false });

// Links leave the page for another site: no opener, no referrer.
const defaultLinkOpen = renderer.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
renderer.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'noopener noreferrer nofollow');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderSafeMarkdown(source: string): string {
  return renderer.render(source);
}
