import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonForScript, trusted } from '../../src/web/escape.js';

describe('HTML escaping', () => {
  it('escapes the five characters that can change the meaning of markup', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml('Familie & gezin')).toBe('Familie &amp; gezin');
    expect(escapeHtml('plain text, 18.170')).toBe('plain text, 18.170');
  });

  it('escapes interpolated values by default and keeps trusted markup and nested templates', () => {
    const label = '<script>alert(1)</script>';
    const out = html`<p title="${label}">${label}${html`<b>${'a&b'}</b>`}${trusted('<i>ok</i>')}</p>`;
    expect(out.value).toBe('<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;<b>a&amp;b</b><i>ok</i></p>');
  });

  it('joins arrays and drops null, undefined and false, but keeps 0', () => {
    expect(html`${['<', '>']}|${null}|${undefined}|${false}|${0}`.value).toBe('&lt;&gt;||||0');
  });

  it('writes JSON that cannot close its script element', () => {
    const text = jsonForScript({ name: '</script><script>alert(1)</script>' }).value;
    expect(text).not.toContain('</script');
    expect(JSON.parse(text)).toEqual({ name: '</script><script>alert(1)</script>' });
  });
});
