import { Redactor } from "../../src/secrets/redactor";

const TOKEN = "npm_Zx9Qk2LmP4rT7vW1yB3nD5fH8jK0sA6cE";

function redactorWith(...values: string[]): Redactor {
  const redactor = new Redactor();
  for (const value of values) redactor.register(value);
  return redactor;
}

describe("the redactor", () => {
  it("masks every occurrence of a registered secret, and nothing before one is registered", () => {
    const redactor = new Redactor();
    expect(redactor.mask(`token ${TOKEN}`)).toBe(`token ${TOKEN}`);

    redactor.register(TOKEN);

    expect(redactor.mask(`token ${TOKEN} and again ${TOKEN}.`)).toBe("token *** and again ***.");
    expect(redactor.mask("nothing secret here")).toBe("nothing secret here");
  });

  it("masks a secret inside a URL, URL-encoded, and inside a JSON body, JSON-escaped", () => {
    const secret = 'p@ss/w"rd\\ with spaces&more';
    const redactor = redactorWith(secret);

    const url = `https://user:${encodeURIComponent(secret)}@registry.example.test/?token=${new URLSearchParams({ t: secret }).toString().slice(2)}`;
    const json = JSON.stringify({ password: secret, nested: { list: [secret] } });

    expect(redactor.mask(url)).toBe("https://user:***@registry.example.test/?token=***");
    expect(redactor.mask(json)).toBe('{"password":"***","nested":{"list":["***"]}}');
    expect(JSON.parse(redactor.mask(json))).toEqual({ password: "***", nested: { list: ["***"] } });
    // A JSON body logged as a string field of a JSON log line.
    expect(redactor.mask(JSON.stringify({ msg: "request", body: json }))).toBe(JSON.stringify({ msg: "request", body: '{"password":"***","nested":{"list":["***"]}}' }));
  });

  it("masks a secret base64-encoded at any alignment, as in Basic auth or a committed file", () => {
    const redactor = redactorWith(TOKEN);

    for (const prefix of ["", "a", "ab", "user:", "some file content\n"]) {
      for (const suffix of ["", "x", "xy", "\nmore content"]) {
        const encoded = Buffer.from(`${prefix}${TOKEN}${suffix}`).toString("base64");
        const masked = redactor.mask(`Authorization: Basic ${encoded}`);
        expect(masked).toContain("***");
        // No run of 8 base64 characters that encodes the token's bytes is left, at any alignment.
        for (const offset of [0, 1, 2]) {
          const core = Buffer.concat([Buffer.alloc(offset), Buffer.from(TOKEN)]).toString("base64").slice(4, -4);
          const windows = Array.from({ length: core.length - 7 }, (_, at) => core.slice(at, at + 8));
          expect(windows.filter((window) => masked.includes(window))).toEqual([]);
        }
      }
    }
    expect(redactor.mask(Buffer.from(TOKEN).toString("base64url"))).toBe("***");
  });

  it("never leaves part of a secret when secrets overlap or one contains another", () => {
    const redactor = redactorWith("token123", "123456", "abcdefgh", "abcdefghijkl");

    expect(redactor.mask("x token123456 y")).toBe("x *** y");
    expect(redactor.mask("abcdefghijkl / abcdefgh")).toBe("*** / ***");
  });

  it("masks the piece of a secret that a cut left at the start or end of a line", () => {
    const redactor = redactorWith(TOKEN);
    const tail = TOKEN.slice(15);
    const head = TOKEN.slice(0, 20);

    expect(redactor.mask(`_… 1234 earlier characters were cut._\n\n${tail} published`)).toBe("_… 1234 earlier characters were cut._\n\n*** published");
    expect(redactor.mask(`line one\nsent ${head}\nline three`)).toBe("line one\nsent ***\nline three");
    // A short piece could be anyone's text: it is left alone.
    expect(redactor.mask(`${TOKEN.slice(-4)} and ${TOKEN.slice(0, 4)}`)).toBe(`${TOKEN.slice(-4)} and ${TOKEN.slice(0, 4)}`);
  });

  it("masks every string of an object or array, leaving other values and the original alone", () => {
    const redactor = redactorWith(TOKEN);
    const at = new Date("2026-01-01T00:00:00Z");
    const buffer = Buffer.from(TOKEN);
    const input = { title: `uses ${TOKEN}`, count: 3, at, buffer, list: [TOKEN, { deep: TOKEN }], none: null };

    const masked = redactor.maskDeep(input);

    expect(masked).toEqual({ title: "uses ***", count: 3, at, buffer, list: ["***", { deep: "***" }], none: null });
    expect(masked.buffer).toBe(buffer);
    expect(input.title).toBe(`uses ${TOKEN}`);
  });
});
