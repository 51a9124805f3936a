import { escapeHtml as e } from './html.js';
import { LANGUAGES, translator, type Translator } from './i18n.js';
import { FONT_FACE_CSS } from './web-fonts.js';
import { scanAssets } from './assets.js';
import { THEME_COLOUR } from './web-app.js';

/**
 * The shell every page shares: no framework, no script unless the page brings its own. System
 * font stacks with the Noto families for each script; the Thai, Khmer, Lao and Burmese Noto
 * subsets are served by this hub (./web-fonts.ts) for phones without them, fetched only when
 * a page has those characters. `lang` attributes so browsers pick the right font; tall line
 * height for the stacked Khmer and Burmese scripts. Every page links the icon and the web app
 * manifest (./web-app.ts).
 */
export const LAYOUT_CSS = `${FONT_FACE_CSS}
*{box-sizing:border-box}
html{font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#111;background:#fff}
:lang(th){font-family:"Noto Sans Thai","Noto Sans Thai UI",Tahoma,"Leelawadee UI",system-ui,sans-serif}
:lang(km){font-family:"Noto Sans Khmer","Noto Sans Khmer UI","Khmer OS System","Khmer UI",system-ui,sans-serif;line-height:1.9}
:lang(lo){font-family:"Noto Sans Lao","Noto Sans Lao UI","Phetsarath OT","Lao UI",system-ui,sans-serif;line-height:1.8}
:lang(my){font-family:"Noto Sans Myanmar","Noto Sans Myanmar UI","Myanmar Text",Padauk,system-ui,sans-serif;line-height:2}
:lang(en){font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
body{margin:0}main{max-width:38rem;margin:0 auto;padding:.75rem 1rem 2rem}
.bar{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;justify-content:space-between;padding:.4rem 1rem;background:#f1f3f5;border-bottom:1px solid #ccd}
.brand{font-weight:700}.bar ul{list-style:none;display:flex;flex-wrap:wrap;gap:.2rem .6rem;margin:0;padding:0}
.bar ul a{display:inline-block;min-width:24px;min-height:24px;text-align:center}
a{color:#0b4ea2}a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #f0a500;outline-offset:2px}
.bar a[aria-current]{font-weight:700;color:#111;text-decoration:none}
.verdict{margin:.5rem 0 .8rem;padding:.8rem 1rem;border-radius:.5rem;color:#fff}
.verdict h1{margin:0;font-size:1.85rem;line-height:1.3}.verdict p{margin:.3rem 0 0;font-size:1.05rem;line-height:1.45}
.verdict .icon{float:right;width:2.75rem;height:2.75rem;margin:0 0 .25rem .5rem}
.ok{background:#0a6b2e}.bad{background:#a4161a}.unsure{background:#7a5200}
.v-valid{background:#0a6b2e}.v-revoked,.v-invalid{background:#a4161a}.v-altered{background:#6b0f1a}
.v-suspended{background:#f5b800;color:#111}.v-expired{background:#3d4a5c}.v-not-yet-valid{background:#1f4e8c}
.v-unknown-issuer{background:#8a1538}.v-not-found{background:#52525b}.v-unchecked{background:#7a5200}
h2{font-size:1.2rem;margin:1.4rem 0 .4rem}
dl{margin:0}dt{font-weight:700;color:#333;margin-top:.6rem}dd{margin:0}
.facts{display:grid;grid-template-columns:minmax(5.5rem,32%) 1fr;gap:.3rem .75rem}.facts dt{margin:0;font-size:.85rem}.facts small{font-size:.85rem}
.facts *{line-height:1.55}:lang(km) .facts *,:lang(my) .facts *,:lang(lo) .facts *{line-height:1.7}.facts dd{min-width:0;overflow-wrap:anywhere}
section[aria-labelledby=facts] h2{margin-top:.6rem}
.checklist{list-style:none;margin:0;padding:0}.checklist li{padding:.3rem 0;border-bottom:1px solid #e3e5e8}
.mark{display:inline-block;min-width:6.5rem;font-weight:700}.m-passed{color:#0a6b2e}.m-failed{color:#a4161a}.m-not-checked{color:#444}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.fail{border-left:6px solid #a4161a;padding:.2rem .8rem;margin:.5rem 0;background:#fdf0f0}
.warn{border-left:6px solid #7a5200;padding:.2rem .8rem;margin:.5rem 0;background:#fdf7ea}
small,.muted{color:#444}.note{font-size:.9rem;color:#444;border-top:1px solid #ccd;margin-top:2rem;padding-top:.5rem}
.links{display:flex;flex-direction:column;gap:.4rem;margin-top:1.2rem}
button,.button{font:inherit;padding:.6rem 1rem;border-radius:.4rem;border:2px solid #0b4ea2;background:#0b4ea2;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b4ea2}textarea{width:100%;font:14px/1.4 monospace}
.bar nav a{display:inline-block;min-width:24px;min-height:24px;text-align:center}
@media print{.bar,.links,main nav{display:none}main{max-width:none;padding:0}
.verdict{-webkit-print-color-adjust:exact;print-color-adjust:exact;border:3px solid #111}
.mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}a{color:#111;text-decoration:none}}`;

export interface PageOptions {
  tr: Translator;
  title: string;
  body: string;
  /** path (without query) the language links point at; omitted: no switcher */
  switcherPath?: string;
  /** extra query parameters kept by the language links */
  keepQuery?: Record<string, string>;
  head?: string;
  /** the web app manifest this page links; default: the hub's, in the page's language */
  manifest?: string;
}

/** The icon, home-screen icon, web app manifest and theme colour every page links (./web-app.ts). */
export function appLinks(manifest: string): string {
  const assets = scanAssets();
  return `<link rel="icon" href="${assets.iconSvg.path}" type="image/svg+xml"><link rel="apple-touch-icon" href="${assets.icon192.path}"><link rel="manifest" href="${e(manifest)}"><meta name="theme-color" content="${THEME_COLOUR}">`;
}

export function renderPage({
  tr,
  title,
  body,
  switcherPath,
  keepQuery = {},
  head = '',
  manifest = `/manifest.webmanifest?lang=${tr.lang}`,
}: PageOptions): string {
  const switcher =
    switcherPath === undefined
      ? ''
      : `<nav aria-label="${e(tr.t('lang.label'))}"><ul>${LANGUAGES.map((l) => {
          const query = new URLSearchParams({ ...keepQuery, lang: l }).toString();
          const name = translator(l).nativeName;
          return `<li><a lang="${l}" hreflang="${l}" href="${e(`${switcherPath}?${query}`)}"${l === tr.lang ? ' aria-current="true"' : ''}>${e(name)}</a></li>`;
        }).join('')}</ul></nav>`;
  const draft = tr.machineDrafted ? `<p class="note">${e(tr.t('machineDrafted'))}</p>` : '';
  return `<!doctype html><html lang="${tr.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(title)} – SkillPass</title>${appLinks(manifest)}
<style>${LAYOUT_CSS}</style>${head}</head>
<body><header class="bar"><span class="brand">${e(tr.t('site.name'))}</span>${switcher}</header>
<main>${body}${draft}</main></body></html>`;
}
