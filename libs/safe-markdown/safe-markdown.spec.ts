import { describe, expect, it } from '@jest/globals';
import { renderSafeMarkdown } from './index.js';

describe('safe Markdown', () => {
  it('renders headings, lists, emphasis and ordinary links', () => {
    const html = renderSafeMarkdown('# 中东投资攻略\n\n- **沙特**: [投资部](https://misa.gov.sa)\n');
    expect(html).toContain('<h1>中东投资攻略</h1>');
    expect(html).toContain('<strong>沙特</strong>');
    expect(html).toContain('<a href="https://misa.gov.sa" rel="noopener noreferrer nofollow">投资部</a>');
  });

  it('escapes a script tag and inline event handlers instead of passing them through', () => {
    const html = renderSafeMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('drops javascript:, vbscript: and data: links, keeping their text', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:msgbox', 'data:text/html;base64,PHNjcmlwdD4=']) {
      const html = renderSafeMarkdown(`[click](${href})`);
      expect(html).not.toMatch(/<a /);
      expect(html).not.toMatch(/href=/);
    }
  });
});
