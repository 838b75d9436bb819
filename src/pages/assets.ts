// The pages' two static files, served by the daemon itself (nothing is loaded from elsewhere,
// and the Content-Security-Policy allows scripts and styles from the daemon only, none inline).

/** Filters the rows of a table as one types; the same matching as the server's ?q=. */
export const FILTER_SCRIPT = `'use strict';
(function () {
  var inputs = document.querySelectorAll('input[data-filter]');
  Array.prototype.forEach.call(inputs, function (input) {
    var id = input.getAttribute('data-filter');
    var table = document.getElementById(id);
    var count = document.getElementById(id + '-count');
    if (!table || !table.tBodies[0]) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function apply() {
      var terms = input.value.toLowerCase().split(/\\s+/).filter(function (t) { return t !== ''; });
      var shown = 0;
      rows.forEach(function (row) {
        var text = (row.getAttribute('data-search') || row.textContent || '').toLowerCase();
        var ok = terms.every(function (t) { return text.indexOf(t) !== -1; });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + ' of ' + rows.length + ' shown';
      if (window.history && window.history.replaceState) {
        var url = new URL(window.location.href);
        if (input.value) url.searchParams.set('q', input.value); else url.searchParams.delete('q');
        window.history.replaceState(null, '', url.pathname + url.search);
      }
    }
    input.addEventListener('input', apply);
  });
})();
`;

export const STYLESHEET = `:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #4d5661; --line: #d0d7de; --head: #f3f5f7;
  --link: #0b57c2; --focus: #0b57c2;
  --ok-bg: #dcf3e3; --ok-fg: #0f5323; --warn-bg: #fff1c7; --warn-fg: #5c4300;
  --bad-bg: #fde2e1; --bad-fg: #8a1111; --info-bg: #e1ecfd; --info-fg: #0f3d87;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #111418; --fg: #e6e9ed; --muted: #aab3bd; --line: #39414b; --head: #1b2027;
    --link: #8ab8ff; --focus: #8ab8ff;
    --ok-bg: #173d24; --ok-fg: #b8efc8; --warn-bg: #443508; --warn-fg: #ffe39a;
    --bad-bg: #4a1717; --bad-fg: #ffc9c6; --info-bg: #172c4d; --info-fg: #c4dbff;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--bg); padding: .5rem 1rem; }
.skip:focus { left: .5rem; top: .5rem; z-index: 10; }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; padding: .6rem 1rem; border-bottom: 1px solid var(--line); background: var(--head); }
header.top .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
header.top nav ul { display: flex; gap: 1rem; list-style: none; margin: 0; padding: 0; }
header.top .who { margin-left: auto; display: flex; gap: .75rem; align-items: center; color: var(--muted); font-size: .9rem; }
main { padding: 1rem; max-width: 90rem; }
h1 { font-size: 1.4rem; margin: .25rem 0 .5rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
p.meta { color: var(--muted); margin: .25rem 0 1rem; }
.notice { border: 1px solid var(--line); border-left-width: 5px; padding: .5rem .75rem; margin: .75rem 0; }
.notice.bad { border-left-color: var(--bad-fg); }
.notice.info { border-left-color: var(--info-fg); }
button, input[type=search] { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--muted); border-radius: 4px; padding: .35rem .6rem; }
button { cursor: pointer; background: var(--head); }
form.search { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .75rem 0; }
form.search input { flex: 1 1 12rem; max-width: 28rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
thead th { background: var(--head); font-size: .85rem; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .82rem; font-weight: 600; white-space: nowrap; }
.badge.ok { background: var(--ok-bg); color: var(--ok-fg); }
.badge.warn { background: var(--warn-bg); color: var(--warn-fg); }
.badge.bad { background: var(--bad-bg); color: var(--bad-fg); }
.badge.info { background: var(--info-bg); color: var(--info-fg); }
.small { font-size: .85rem; color: var(--muted); }
time { white-space: nowrap; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .88em; }
ul.problems { padding-left: 1.2rem; }
@media (max-width: 40rem) {
  table.cards thead { position: absolute; left: -9999px; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .75rem; padding: .25rem 0; }
  table.cards tr[hidden] { display: none; }
  table.cards td { border: 0; padding: .2rem .6rem; }
  table.cards td::before { content: attr(data-label); display: block; font-size: .75rem; font-weight: 600; color: var(--muted); }
  header.top .who { margin-left: 0; }
}
`;
