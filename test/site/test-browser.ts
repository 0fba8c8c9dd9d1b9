import { serveSite, type SiteDeps, type SiteResponse } from "../../src/site/serve-site";

interface StoredCookie {
  value: string;
  path: string;
  attributes: string;
}

/**
 * A browser's cookie jar, as much of it as Slipway's cookies need: host-only cookies (a
 * `Domain` attribute is refused, as Slipway never sets one), matched by path prefix, removed
 * by `Max-Age=0`. `fetch` sends requests through any `send` function (the site server in
 * process, or HTTP to a running server).
 */
export class CookieJar {
  private readonly hosts = new Map<string, Map<string, StoredCookie>>();

  /** The `Cookie` header a browser would send to this URL. */
  header(url: URL): string | undefined {
    const cookies = [...(this.hosts.get(url.host) ?? new Map<string, StoredCookie>())].filter(([, cookie]) => url.pathname.startsWith(cookie.path));
    return cookies.length > 0 ? cookies.map(([name, cookie]) => `${name}=${cookie.value}`).join("; ") : undefined;
  }

  /** Stores the `Set-Cookie` values of a response from `url`. */
  store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const separator = pair.indexOf("=");
      const name = pair.slice(0, separator);
      if (attributes.some((attribute) => /^domain=/i.test(attribute))) throw new Error(`${name} was set with a Domain attribute: ${line}`);
      const path = attributes.find((attribute) => /^path=/i.test(attribute))?.slice(5) ?? "/";
      const jar = this.hosts.get(url.host) ?? new Map<string, StoredCookie>();
      this.hosts.set(url.host, jar);
      if (attributes.some((attribute) => /^max-age=0$/i.test(attribute))) jar.delete(name);
      else jar.set(name, { value: pair.slice(separator + 1), path, attributes: attributes.join("; ") });
    }
  }

  /** The attributes a cookie was set with (`HttpOnly; Secure; …`), for assertions. */
  attributes(host: string, name: string): string | undefined {
    return this.hosts.get(host)?.get(name)?.attributes;
  }

  /** A cookie's value, for tests that tamper with it. */
  value(host: string, name: string): string | undefined {
    return this.hosts.get(host)?.get(name)?.value;
  }

  set(host: string, name: string, value: string, path = "/"): void {
    const jar = this.hosts.get(host) ?? new Map<string, StoredCookie>();
    this.hosts.set(host, jar);
    jar.set(name, { value, path, attributes: "" });
  }
}

/** A browser on the in-process site server: `get` sends one request with the jar's cookies and keeps the ones it sets. */
export function testBrowser(deps: () => SiteDeps) {
  const jar = new CookieJar();
  return {
    jar,
    async get(address: string, method = "GET"): Promise<SiteResponse & { url: URL }> {
      const url = new URL(address);
      const response = await serveSite({ method, host: url.host, path: url.pathname, query: url.search.slice(1) || undefined, cookie: jar.header(url) }, deps());
      jar.store(url, response.cookies ?? []);
      return { ...response, url };
    },
  };
}

/** Where a redirect answer points, resolved against the URL it answered. */
export function locationOf(response: SiteResponse & { url: URL }): string {
  const location = response.headers.Location;
  if (!location) throw new Error(`expected a redirect, got ${response.status}: ${response.body.toString("utf8")}`);
  return new URL(location, response.url).toString();
}
