// A stand-in for the Python Package Index, for tests: the legacy upload API (what `twine
// upload` and the pypi target use) and the JSON API, answering as PyPI's server (Warehouse)
// does, in its order of checks:
//   POST /legacy/  multipart form, `:action=file_upload`:
//     403 "Invalid or non-existent authentication information." for missing or wrong
//         credentials (HTTP Basic; `__token__` + an API token, or a user's password), before
//         anything else is looked at;
//     400 "Unknown protocol version." unless `protocol_version` is 1;
//     400 "'<value>' is an invalid value for <Field>. Error: …" for missing or bad metadata
//         (Metadata-Version, Name, Version first), and "Upload payload does not have a file.";
//     403 when another user owns the project;
//     400 "Start filename for '<project>' with '<prefix>'." / "Invalid distribution file.";
//     400 "The digest supplied does not match a digest calculated from the uploaded file.";
//     200 (nothing changes) for a re-upload of the same file name with the same content;
//     400 "File already exists. See …" for the same name (or content) with other content;
//     400 "Only one sdist may be uploaded per release." and, for wheels, the METADATA check;
//     200 when stored. The message is also the HTTP reason phrase, which is what twine shows.
//   GET /pypi/<project>/json, /pypi/<project>/<version>/json: `info`, `urls` (each file's
//     `digests.sha256`, …), `releases` on the project document; 404 {"message": "Not Found"}.
//   GET /packages/<path>: the stored files.
// Usage: node pypi-stand-in.mjs <port> <storage folder>; PYPI_STAND_IN_USERS is JSON
// {"<user>": ["<password or token>", …]}.
import { blake2b } from "@noble/hashes/blake2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import busboy from "busboy";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { URL } from "node:url";
import yauzl from "yauzl";

const [portArgument, storage] = process.argv.slice(2);
const users = JSON.parse(process.env.PYPI_STAND_IN_USERS ?? "{}");
const MAX_FILESIZE = 100 * 1024 * 1024;
const METADATA_VERSIONS = ["1.0", "1.1", "1.2", "2.0", "2.1", "2.2", "2.3", "2.4"];
const FILETYPES = ["bdist_dmg", "bdist_dumb", "bdist_egg", "bdist_msi", "bdist_rpm", "bdist_wheel", "bdist_wininst", "sdist"];
const LIST_FIELDS = new Set(["classifiers", "requires_dist", "provides_dist", "obsoletes_dist", "requires_external", "project_urls", "provides_extras", "platform", "supported_platform", "dynamic", "license_files", "requires", "provides", "obsoletes"]);

/** Projects by normalised name: { name, owner, releases: Map<version, { info, files: [] }> }. */
const projects = new Map();
/** Every stored file by name, and by BLAKE2b-256, as Warehouse's duplicate check reads them. */
const filesByName = new Map();
const filesByBlake2 = new Map();
let serial = 0;

const normalise = (name) => name.toLowerCase().replace(/[-_.]+/g, "-");

class UploadError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function authenticate(header) {
  const match = /^Basic (.+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const [user, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return colon > 0 && (users[user] ?? []).includes(secret) ? user : undefined;
}

/** Warehouse's form validation: the first failing field in its order, worded as it words it. */
function validateMetadata(form) {
  const one = (key) => (form[key] ?? [])[0] ?? "";
  const checks = [
    ["metadata_version", "Metadata-Version", (v) => (v === "" ? "This field is required." : METADATA_VERSIONS.includes(v) ? undefined : "Unknown Metadata Version")],
    ["name", "Name", (v) => (v === "" ? "This field is required." : /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i.test(v) ? undefined : "Start and end with a letter or numeral containing only ASCII numeric and '.', '_' and '-'.")],
    ["version", "Version", (v) => (v === "" ? "This field is required." : /^v?\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?$/i.test(v) ? undefined : "Must start and end with a letter or numeral and contain only ascii numeric and '.', '_' and '-'.")],
    ["filetype", "filetype", (v) => (v === "" ? "This field is required." : FILETYPES.includes(v) ? undefined : "Use a known file type.")],
    ["sha256_digest", "sha256_digest", (v) => (v === "" || /^[a-f0-9]{64}$/i.test(v) ? undefined : "Use a valid, hex-encoded, SHA256 message digest.")],
  ];
  for (const [key, label, check] of checks) {
    const error = check(one(key));
    if (error) {
      const message = key === "filetype" || key === "sha256_digest" ? `Invalid value for ${key}. Error: ${error}` : `'${one(key)}' is an invalid value for ${label}. Error: ${error} See https://packaging.python.org/specifications/core-metadata for more information.`;
      throw new UploadError(400, message);
    }
  }
}

/** Everything Warehouse checks before it reads the file, given the fields sent before it. */
function checkBeforeFile(request, form, file) {
  const user = authenticate(request.headers.authorization);
  if (!user) throw new UploadError(403, `Invalid or non-existent authentication information. See ${origin(request)}/help/#invalid-auth for more information.`);
  if ((form.protocol_version ?? ["1"])[0] !== "1") throw new UploadError(400, "Unknown protocol version.");
  validateMetadata(form);
  if (!file) throw new UploadError(400, "Upload payload does not have a file.");
  const name = form.name[0];
  const project = projects.get(normalise(name));
  if (project && project.owner !== user) {
    throw new UploadError(403, `The user '${user}' isn't allowed to upload to project '${project.name}'. See ${origin(request)}/help/#project-name for more information.`);
  }
  const filename = file.filename ?? "";
  if (!/\.(tar\.gz|zip|whl)$/i.test(filename)) throw new UploadError(400, "Invalid file extension: Use .tar.gz, .whl or .zip extension. See https://www.python.org/dev/peps/pep-0527 and https://peps.python.org/pep-0715/ for more information");
  const prefix = (filename.endsWith(".whl") ? filename.split("-")[0] : filename.slice(0, filename.lastIndexOf("-"))).toLowerCase().replace(/[.-]/g, "_");
  const expected = normalise(name).replace(/-/g, "_");
  if (prefix !== expected) throw new UploadError(400, `Start filename for '${name}' with '${expected}'.`);
  if (!file.mimeType || file.mimeType.startsWith("image/")) throw new UploadError(400, "Invalid distribution file.");
  return user;
}

function wheelHasMetadata(path, filename) {
  const [name, version] = filename.split("-");
  const wanted = `${name}-${version}.dist-info/METADATA`;
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error) return resolve(false);
      let found = false;
      zip.on("entry", (entry) => {
        if (entry.fileName === wanted) found = true;
        zip.readEntry();
      });
      zip.on("end", () => resolve(found));
      zip.on("error", () => resolve(false));
      zip.readEntry();
    });
  });
}

function origin(request) {
  return `http://${request.headers.host}`;
}

/** Reads the whole form (the file into a temporary file, hashed), then checks it as Warehouse does. */
async function upload(request) {
  const form = {};
  let file;
  const parser = busboy({ headers: request.headers, limits: { fileSize: MAX_FILESIZE + 1 } });
  parser.on("field", (key, value) => {
    (form[key] ??= []).push(value);
  });
  parser.on("file", (key, stream, info) => {
    if (key !== "content" || file) {
      stream.resume();
      return;
    }
    const temp = join(storage, `.upload-${process.hrtime.bigint()}`);
    const hashes = { md5: createHash("md5"), sha256: createHash("sha256"), blake2b_256: blake2b.create({ dkLen: 32 }) };
    file = { filename: info.filename, mimeType: info.mimeType, temp, hashes, size: 0 };
    stream.on("data", (chunk) => {
      file.size += chunk.length;
      for (const hash of Object.values(hashes)) hash.update(chunk);
    });
    file.done = pipeline(stream, createWriteStream(temp)).then(() => {
      file.truncated = stream.truncated;
    });
  });
  await pipeline(request, parser);
  try {
    if (file) await file.done;
    if ((form[":action"] ?? [])[0] !== "file_upload") throw new UploadError(404, "Not Found");
    checkBeforeFile(request, form, file);
    return await finishUpload(request, form, file);
  } finally {
    if (file) rmSync(file.temp, { force: true });
  }
}

async function finishUpload(request, form, file) {
  if (file.truncated || file.size > MAX_FILESIZE) throw new UploadError(400, `File too large. Limit for project '${form.name[0]}' is 100 MB.`);
  const digests = { blake2b_256: bytesToHex(file.hashes.blake2b_256.digest()), md5: file.hashes.md5.digest("hex"), sha256: file.hashes.sha256.digest("hex") };
  for (const [field, actual] of [["md5_digest", digests.md5], ["sha256_digest", digests.sha256], ["blake2_256_digest", digests.blake2b_256]]) {
    const sent = (form[field] ?? [])[0];
    if (sent && sent.toLowerCase() !== actual) throw new UploadError(400, "The digest supplied does not match a digest calculated from the uploaded file.");
  }
  const existing = filesByName.get(file.filename) ?? filesByBlake2.get(digests.blake2b_256);
  if (existing) {
    if (existing.filename === file.filename && existing.digests.sha256 === digests.sha256) return { status: 200, message: "OK" };
    throw new UploadError(400, `File already exists. See ${origin(request)}/help/#file-name-reuse for more information.`);
  }
  const name = form.name[0];
  const version = form.version[0];
  const filetype = form.filetype[0];
  const key = normalise(name);
  const user = authenticate(request.headers.authorization);
  // Nothing is recorded until every check passed: Warehouse's transaction rolls back otherwise.
  const project = projects.get(key) ?? { name, owner: user, releases: new Map() };
  const release = project.releases.get(version) ?? { info: releaseInfo(form), files: [] };
  if (filetype === "sdist" && release.files.some((f) => f.packagetype === "sdist")) throw new UploadError(400, "Only one sdist may be uploaded per release.");
  if (file.filename.endsWith(".whl") && !(await wheelHasMetadata(file.temp, file.filename))) {
    const [n, v] = file.filename.split("-");
    throw new UploadError(400, `Wheel '${file.filename}' does not contain the required METADATA file: ${n}-${v}.dist-info/METADATA`);
  }
  const path = `${digests.blake2b_256.slice(0, 2)}/${digests.blake2b_256.slice(2, 4)}/${digests.blake2b_256.slice(4)}/${file.filename}`;
  mkdirSync(dirname(join(storage, path)), { recursive: true });
  renameSync(file.temp, join(storage, path));
  const now = new Date();
  const entry = {
    comment_text: "",
    digests,
    downloads: -1,
    filename: file.filename,
    has_sig: false,
    md5_digest: digests.md5,
    packagetype: filetype,
    python_version: (form.pyversion ?? [""])[0] || "source",
    requires_python: (form.requires_python ?? [null])[0],
    size: file.size,
    upload_time: now.toISOString().slice(0, 19),
    upload_time_iso_8601: now.toISOString(),
    url: `${origin(request)}/packages/${path}`,
    yanked: false,
    yanked_reason: null,
  };
  release.files.push(entry);
  project.releases.set(version, release);
  projects.set(key, project);
  filesByName.set(file.filename, { filename: file.filename, digests });
  filesByBlake2.set(digests.blake2b_256, { filename: file.filename, digests });
  serial += 1;
  return { status: 200, message: "OK" };
}

function releaseInfo(form) {
  const info = { name: form.name[0], version: form.version[0], yanked: false, yanked_reason: null };
  for (const [key, values] of Object.entries(form)) {
    if (key.startsWith(":") || key.endsWith("_digest") || ["protocol_version", "filetype", "pyversion", "name", "version"].includes(key)) continue;
    info[key] = LIST_FIELDS.has(key) ? values : values[0];
  }
  return info;
}

function json(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
}

function projectJson(request, response, name, version) {
  const project = projects.get(normalise(decodeURIComponent(name)));
  if (!project) return json(response, 404, { message: "Not Found" });
  const versions = [...project.releases.keys()];
  const chosen = version === undefined ? versions.at(-1) : versions.find((v) => v.toLowerCase() === decodeURIComponent(version).toLowerCase());
  const release = chosen === undefined ? undefined : project.releases.get(chosen);
  if (!release) return json(response, 404, { message: "Not Found" });
  const body = { info: { ...release.info, name: project.name }, last_serial: serial, urls: release.files, vulnerabilities: [] };
  if (version === undefined) body.releases = Object.fromEntries([...project.releases].map(([v, r]) => [v, r.files]));
  json(response, 200, body);
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://stand-in");
  let match;
  if (request.method === "POST" && /^\/legacy\/?$/.test(url.pathname)) {
    upload(request).then(
      ({ status, message }) => {
        response.statusMessage = message;
        response.writeHead(status, { "content-type": "text/plain" }).end("");
      },
      (error) => {
        const status = error instanceof UploadError ? error.status : 500;
        const message = error instanceof UploadError ? error.message : "Internal Server Error";
        // Warehouse puts its message in the status line, where twine reads it, and in the body.
        response.statusMessage = message;
        response.writeHead(status, { "content-type": "text/plain", connection: "close" }).end(`${status} ${message}\n`);
      },
    );
  } else if (request.method === "GET" && (match = /^\/pypi\/([^/]+)(?:\/([^/]+))?\/json\/?$/.exec(url.pathname))) {
    projectJson(request, response, match[1], match[2]);
  } else if (request.method === "GET" && url.pathname.startsWith("/packages/") && !url.pathname.includes("..")) {
    const stream = createReadStream(join(storage, url.pathname.slice("/packages/".length)));
    stream.once("open", () => response.writeHead(200, { "content-type": "application/octet-stream" }));
    stream.once("error", () => json(response, 404, { message: "Not Found" }));
    stream.pipe(response);
  } else {
    json(response, 404, { message: "Not Found" });
  }
});

server.listen(Number(portArgument), "127.0.0.1");
