import { contentTypeFor } from "../../src/providers/content-type";

describe("contentTypeFor", () => {
  test.each([
    ["index.html", "text/html; charset=utf-8"],
    ["css/deep/site.css", "text/css; charset=utf-8"],
    ["js/app.mjs", "text/javascript; charset=utf-8"],
    ["data/feed.json", "application/json; charset=utf-8"],
    ["img/LOGO.PNG", "image/png"],
    ["fonts/a.woff2", "font/woff2"],
    ["app.wasm", "application/wasm"],
  ])("serves %s as %s", (path, type) => {
    expect(contentTypeFor(path)).toBe(type);
  });

  test.each(["LICENSE", "html", "docs/css", "archive.unknownext", ".nojekyll"])("falls back to octet-stream for %s", (path) => {
    expect(contentTypeFor(path)).toBe("application/octet-stream");
  });
});
