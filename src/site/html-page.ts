import { createHash } from "node:crypto";
import type { SiteResponse } from "./site-response";

/** Text for HTML: repository, environment and login names are shown, never interpreted. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #f6f8fa; --card: #ffffff; --line: #d1d9e0; --accent: #1f6feb; --accent-fg: #ffffff; }
@media (prefers-color-scheme: dark) { :root { --fg: #f0f6fc; --muted: #9198a1; --bg: #0d1117; --card: #151b23; --line: #3d444d; --accent: #4493f8; --accent-fg: #0d1117; } }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; align-items: center; justify-content: center; padding: 2rem 1rem; background: var(--bg); color: var(--fg); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
main { width: 100%; max-width: 34rem; background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 2rem; }
.brand { margin: 0 0 1.25rem; font-size: .875rem; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: var(--muted); }
h1 { margin: 0 0 1rem; font-size: 1.5rem; line-height: 1.25; }
p, ul { margin: 0 0 1rem; }
li { margin-bottom: .35rem; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: .05em .35em; overflow-wrap: anywhere; }
.button { display: inline-block; margin: .5rem 0 1rem; padding: .7rem 1.2rem; border-radius: 8px; background: var(--accent); color: var(--accent-fg); font-weight: 600; text-decoration: none; }
.button:hover { filter: brightness(1.08); }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent); outline-offset: 3px; }
.note { font-size: .875rem; color: var(--muted); }
footer { max-width: 34rem; margin-top: 1.25rem; font-size: .8125rem; color: var(--muted); text-align: center; }
`.trim();

/**
 * The Content-Security-Policy of Slipway's own pages: nothing may load or run but the one
 * inline style sheet (allowed by its hash), no form posts anywhere, no framing.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export interface PageContent {
  status: number;
  /** The page's title and heading. */
  title: string;
  /** The page's body below the heading: trusted markup, with every name passed through {@link escapeHtml}. */
  body: string;
}

/**
 * One of Slipway's own small pages on a site's origin (sign-in, no access, an expired link):
 * plain HTML with one heading, a line on what Slipway is, never cached, under a strict CSP.
 */
export function htmlPage(page: PageContent): SiteResponse {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)} · Slipway</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">Slipway</p>
<h1>${escapeHtml(page.title)}</h1>
${page.body}
</main>
<footer>Slipway publishes the preview deployments of pull requests on GitHub. It never asks for your password: signing in happens on GitHub.</footer>
</body>
</html>
`;
  const body = Buffer.from(html, "utf8");
  return {
    status: page.status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Length": String(body.length),
      "Cache-Control": "no-store",
      "Content-Security-Policy": PAGE_CSP,
    },
    body,
  };
}
