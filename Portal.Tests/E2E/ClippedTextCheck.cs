using Microsoft.Playwright;

namespace Portal.Tests.E2E;

/// <summary>
/// Text cut off by a box that hides its overflow: the page does not scroll sideways, so nothing else sees it (a long
/// email under the tab panel's edge at 390 px). Used with every screenshot. Not counted: text that is ellipsized on
/// purpose (<c>text-overflow: ellipsis</c>) and can still be read whole from a <c>title</c>, and visually-hidden helpers.
/// A box that scrolls sideways (a table's container) counts as hiding too: on a phone it shows no scroll bar, and no list
/// of Portal's is meant to scroll sideways (they stack below 960 px). A box that scrolls down (a dialog's content) does not,
/// nor a detail page's tab row on a phone: it is one row meant to scroll sideways, its edge fading to say so.
/// </summary>
public static class ClippedTextCheck
{
    /// <summary>One line per piece of text that runs past a box hiding its overflow: which element, its text, and by how much.</summary>
    public static async Task<List<string>> FindAsync(IPage page) => [.. await page.EvaluateAsync<string[]>(Script)];

    /// <summary>Fails, naming each element and its text, when any text on <paramref name="page"/> runs past a box that hides it.</summary>
    public static async Task AssertNoneAsync(IPage page, string name)
    {
        var clipped = await FindAsync(page);
        Assert.True(clipped.Count == 0,
            $"[{name}] text runs past a box that hides it ({page.ViewportSize?.Width} px wide):\n    " + string.Join("\n    ", clipped));
    }

    private const string Script = """
        () => {
          const describe = e => {
            let d = e.tagName.toLowerCase();
            if (e.id) d += '#' + e.id;
            const classes = [...e.classList].filter(c => !c.startsWith('mud-ripple')).slice(0, 3);
            if (classes.length) d += '.' + classes.join('.');
            if (e.dataset.testid) d += `[data-testid=${e.dataset.testid}]`;
            return d;
          };
          const path = e => {
            const parts = [];
            for (let n = e; n && n !== document.body && parts.length < 4; n = n.parentElement) parts.unshift(describe(n));
            return parts.join(' > ');
          };
          const hides = v => v === 'hidden' || v === 'clip';
          const scrolls = v => v === 'auto' || v === 'scroll';
          // The box an element clips its content to: its padding box, without borders or scroll bars.
          const clipBox = e => {
            const r = e.getBoundingClientRect();
            const left = r.left + e.clientLeft, top = r.top + e.clientTop;
            return { left, top, right: left + e.clientWidth, bottom: top + e.clientHeight };
          };
          const visuallyHidden = e => e.closest('.visually-hidden, .sr-only, .mud-sr-only') !== null;
          // Ellipsized on purpose, with the whole text in a title (a tooltip) on it or around it.
          const ellipsizedWithTitle = (e, upTo) => {
            for (let n = e; n; n = n.parentElement) {
              if (getComputedStyle(n).textOverflow === 'ellipsis') return e.closest('[title]') !== null;
              if (n === upTo) break;
            }
            return false;
          };
          const found = [];
          const range = document.createRange();
          for (const e of document.body.querySelectorAll('*')) {
            if (e.closest('svg, script, style, template, [hidden]')) continue;
            const texts = [...e.childNodes].filter(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
            if (texts.length === 0) continue;
            const style = getComputedStyle(e);
            if (style.visibility !== 'visible' || Number(style.opacity) === 0 || visuallyHidden(e)) continue;
            for (const t of texts) {
              range.selectNodeContents(t);
              const r = range.getBoundingClientRect();
              if (r.width === 0 || r.height === 0) continue;
              // Walk out from the text's own element to every box that hides overflow, until a fixed box (the viewport's).
              for (let a = e; a && a !== document.documentElement; a = a.parentElement) {
                const s = a === e ? style : getComputedStyle(a);
                // The tab row scrolls its tabs into reach; what is in it is not cut off by the boxes around it.
                if (scrolls(s.overflowX) && a.classList.contains('mud-tabs-tabbar-content')) break;
                const x = hides(s.overflowX) || scrolls(s.overflowX), y = hides(s.overflowY);
                if (x || y) {
                  const b = clipBox(a);
                  if (a.clientWidth <= 1 && a.clientHeight <= 1) break; // a visually-hidden helper of some other name
                  const over = [];
                  if (x && r.right > b.right + 1) over.push(`${Math.round(r.right - b.right)} px past the right edge`);
                  if (x && r.left < b.left - 1) over.push(`${Math.round(b.left - r.left)} px past the left edge`);
                  if (y && r.bottom > b.bottom + 1) over.push(`${Math.round(r.bottom - b.bottom)} px below the bottom edge`);
                  if (y && r.top < b.top - 1) over.push(`${Math.round(b.top - r.top)} px above the top edge`);
                  if (over.length > 0 && !ellipsizedWithTitle(e, a)) {
                    const text = t.textContent.trim().replace(/\s+/g, ' ');
                    found.push(`${path(e)}: "${text.length > 80 ? text.slice(0, 77) + '...' : text}" runs ${over.join(' and ')} of `
                      + (a === e ? 'its own box' : describe(a)) + ` (overflow ${s.overflowX}/${s.overflowY}${scrolls(s.overflowX) ? ': it scrolls sideways' : ''})`);
                    break;
                  }
                }
                if (s.position === 'fixed') break;
              }
            }
          }
          return found;
        }
        """;
}
