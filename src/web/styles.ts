/**
 * The pages' whole stylesheet, served from this origin at /assets/explorer.css (see assets.ts).
 * Colours meet WCAG AA contrast on their backgrounds; direction is also told by arrows and signs.
 */
export const STYLES = `
:root{--ink:#1f2933;--muted:#4b5563;--line:#d9dee5;--bg:#f5f7fa;--card:#fff;--brand:#16325c;--link:#1d4f91;--up:#1d4f91;--down:#a23b00;--flat:#4b5563;--ok:#1e6b34;--bad:#a4161a;--focus:#f2b54a}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.5}
body{margin:0}
a{color:var(--link)}
a:focus-visible,button:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem;top:1rem}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.site-header{background:var(--brand);color:#fff}
.site-header .inner{max-width:1240px;margin:0 auto;padding:.9rem 1.25rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
.site-title{font-size:1.25rem;font-weight:700;margin:0}
.site-title a{color:#fff;text-decoration:none}
.tagline{margin:0;font-size:.9rem;color:#dbe4f0}
.lang-switch ul{list-style:none;display:flex;gap:.25rem;margin:0;padding:0}
.lang-switch a{display:inline-block;color:#fff;padding:.2rem .6rem;border:1px solid #8fa6c6;border-radius:999px;text-decoration:none;font-size:.9rem}
.lang-switch a[aria-current="true"]{background:#fff;color:var(--brand);font-weight:700}
main{max-width:1240px;margin:0 auto;padding:1.25rem}
h1{font-size:1.75rem;margin:.5rem 0}
h2{font-size:1.2rem;margin:0}
h3{font-size:1rem;margin:1rem 0 .4rem}
.lead{max-width:70ch;color:var(--muted);margin:.25rem 0 .75rem}
.note{max-width:80ch;background:#fff8e6;border-left:4px solid var(--focus);padding:.5rem .75rem;margin:.75rem 0 1.25rem;font-size:.95rem}
.cards{display:grid;align-items:start;grid-template-columns:repeat(auto-fill,minmax(min(100%,370px),1fr));gap:1rem;padding:0;margin:0;list-style:none}
.card{position:relative;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem;display:flex;flex-direction:column;gap:.5rem}
/* Cards and sections off screen are laid out and painted only when scrolled near, so the page is ready sooner. */
.card{content-visibility:auto;contain-intrinsic-size:auto 640px}
.kicker{margin:0;font-size:.75rem;letter-spacing:.06em;text-transform:uppercase;color:var(--muted)}
.card h2 a{text-decoration:none}
.card h2 a:hover{text-decoration:underline}
.desc{margin:0;color:var(--muted);font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{padding:.3rem .4rem;border-bottom:1px solid var(--line);vertical-align:top}
thead th{font-size:.8rem;color:var(--muted);font-weight:600;text-align:left;border-bottom:2px solid var(--line)}
tbody th{text-align:left}
tbody th{font-weight:500}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
td.num.wrap{white-space:normal}
.share{white-space:nowrap;display:inline-block}
.fold>summary{cursor:pointer;font-weight:600;color:var(--link);padding:.25rem 0}
.table-wrap{overflow-x:auto;max-width:100%;position:relative}
.table-wrap:focus-visible{outline:3px solid var(--focus)}
.missing{color:var(--muted)}
.missing::before{content:"\\2014";content:"\\2014"/""}
.delta{font-weight:600;white-space:nowrap}
.delta.up{color:var(--up)}
.delta.down{color:var(--down)}
.delta.flat{color:var(--flat)}
.delta.up::before{content:"\\25B2\\a0 ";content:"\\25B2\\a0 "/""}
.delta.down::before{content:"\\25BC\\a0 ";content:"\\25BC\\a0 "/""}
.delta.flat::before{content:"\\25A0\\a0 ";content:"\\25A0\\a0 "/""}
.fn-marker{font-size:.75em;vertical-align:super;line-height:0;margin-left:.1em}
figure{margin:.25rem 0}
figcaption{font-size:.8rem;color:var(--muted)}
.chart-svg{display:block;max-width:100%;height:auto}
.ranking{margin:0;padding-left:1.4rem;font-size:.9rem}
.ranking-block{font-size:.9rem;margin-top:.75rem}
.ranking-block p{margin:0}
.footnotes{font-size:.8rem;color:var(--muted);border-top:1px solid var(--line);padding-top:.4rem}
.footnotes ol{margin:0;padding-left:0;list-style:none}
.footnotes li{margin:.2rem 0}
.card .more{margin-top:auto;font-weight:600}
.breadcrumb{font-size:.9rem;margin:0}
.section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem;margin:1rem 0}
.section{content-visibility:auto;contain-intrinsic-size:auto 480px}
.section h2{margin-bottom:.5rem}
.section table{max-width:62rem}
.grid-2{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));gap:1rem}
.series{border-top:1px solid var(--line);margin-top:1rem}
.series h3{margin-bottom:.25rem}
.definition{max-width:80ch;margin:.25rem 0 .5rem;font-size:.9rem}
th.disagree::after{content:"\\a0\\25C6";content:"\\a0\\25C6"/"";color:var(--bad)}
.ok{color:var(--ok);font-weight:600}
.bad{color:var(--bad);font-weight:600}
.downloads{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.5rem 0}
.downloads a{display:inline-block;padding:.35rem .75rem;border:1px solid var(--link);border-radius:6px;text-decoration:none;font-weight:600}
.downloads a:hover{background:#eef3fa}
.curl{display:flex;gap:.5rem;align-items:stretch;flex-wrap:wrap}
.curl pre{flex:1 1 20rem;min-width:0;margin:0;background:#0f1f36;color:#f5f7fa;padding:.6rem .8rem;border-radius:6px;overflow-x:auto;font-size:.85rem}
.curl button{font:inherit;font-weight:600;padding:.35rem .9rem;border-radius:6px;border:1px solid var(--link);background:var(--link);color:#fff;cursor:pointer}
.status{font-size:.85rem;color:var(--ok);min-height:1.2em;margin:.25rem 0 0}
.table-nav ul{display:flex;flex-wrap:wrap;gap:.25rem .75rem;list-style:none;padding:0;margin:.25rem 0;font-size:.9rem}
.table-nav a[aria-current="page"]{font-weight:700;color:var(--ink)}
.site-footer{max-width:1240px;margin:0 auto;padding:1rem 1.25rem 2rem;color:var(--muted);font-size:.85rem}
.site-footer ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.25rem 0}
@media (max-width:480px){main{padding:.6rem}.card,.section{padding:.6rem}th,td{padding:.25rem .2rem}h1{font-size:1.5rem}.card table{font-size:.85rem}.card .delta{white-space:normal}.card tbody th{overflow-wrap:anywhere;min-width:6rem}}
`;
