import { createRequire as __layerdiffCreateRequire } from 'node:module';
const require = __layerdiffCreateRequire(import.meta.url);

// src/layers/scan-worker.ts
import { isMainThread, parentPort } from "node:worker_threads";

// src/tar/format-error.ts
var TarFormatError = class extends Error {
  constructor(message, code, at, detail) {
    super(message);
    this.code = code;
    this.at = at;
    this.detail = detail;
  }
  code;
  at;
  detail;
};
var MAX_META_BYTES = 1024 * 1024;
var MAX_PATH_BYTES = 4096;
function checkPath(what, value, at = -1) {
  const bytes = Buffer.byteLength(value);
  if (bytes > MAX_PATH_BYTES) {
    throw new TarFormatError(
      `${what} of ${bytes} bytes is longer than ${MAX_PATH_BYTES}; refusing`,
      "path-too-long",
      at,
      `${what} longer than ${MAX_PATH_BYTES} bytes`
    );
  }
  return value;
}
function clip(value) {
  const oneLine = JSON.stringify(value).slice(1, -1);
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}\u2026` : oneLine;
}

// src/tar/header-block.ts
var BLOCK = 512;
function padding(size) {
  const r = size % BLOCK;
  return r === 0 ? 0 : BLOCK - r;
}
function isZeroBlock(buf, off = 0) {
  for (let i = off, end = off + BLOCK; i < end; i++) if (buf[i] !== 0) return false;
  return true;
}
var scratch = new Uint32Array(BLOCK / 4);
var scratchBytes = new Uint8Array(scratch.buffer);
function checksumValid(buf, off = 0) {
  const stored = readNumber(buf, off + 148, 8);
  if (stored < 0) return false;
  buf.copy(scratchBytes, 0, off, off + BLOCK);
  let lanes = 0;
  for (let i = 0; i < 128; i++) {
    const w = scratch[i];
    lanes += (w & 16711935) + (w >>> 8 & 16711935);
  }
  let unsigned = lanes % 65536 + Math.floor(lanes / 65536);
  for (let i = off + 148; i < off + 156; i++) unsigned -= buf[i];
  unsigned += 8 * 32;
  if (stored === unsigned) return true;
  let signed = 8 * 32;
  for (let i = off; i < off + BLOCK; i++) {
    if (i >= off + 148 && i < off + 156) continue;
    const b = buf[i];
    signed += b > 127 ? b - 256 : b;
  }
  return stored === signed;
}
function readNumber(buf, off, length) {
  const first = buf[off];
  if (first & 128) {
    if (first === 255) return -1;
    let value2 = first & 127;
    for (let i2 = off + 1; i2 < off + length; i2++) value2 = value2 * 256 + buf[i2];
    return Number.isSafeInteger(value2) ? value2 : -1;
  }
  let value = 0;
  let i = off;
  const end = off + length;
  while (i < end && (buf[i] === 32 || buf[i] === 0)) {
    if (buf[i] === 0) return 0;
    i++;
  }
  for (; i < end; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 55) value = value * 8 + (c - 48);
    else if (c === 0 || c === 32) break;
    else return -1;
  }
  return value;
}
function cString(body) {
  const nul = body.indexOf(0);
  return body.toString("utf8", 0, nul < 0 ? body.length : nul);
}
function readString(buf, off, length) {
  let end = off;
  const limit = off + length;
  while (end < limit && buf[end] !== 0) end++;
  return buf.toString("utf8", off, end);
}

// src/tar/pax-records.ts
function parsePax(body, into, at = -1) {
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(32, pos);
    if (space < 0) break;
    const recordLength = Number(body.toString("latin1", pos, space));
    if (!Number.isInteger(recordLength) || recordLength <= 0 || pos + recordLength > body.length) {
      if (body[pos] === 0) break;
      throw paxError("invalid PAX header record", at);
    }
    const record = body.toString("utf8", space + 1, pos + recordLength - 1);
    pos += recordLength;
    const eq = record.indexOf("=");
    if (eq < 0) continue;
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    switch (key) {
      case "path":
        into.path = checkPath("PAX path", value, at);
        break;
      case "linkpath":
        into.linkpath = checkPath("PAX linkpath", value, at);
        break;
      case "mtime":
      case "atime":
      case "ctime":
        if (!/^-?[0-9]{1,15}(\.[0-9]{1,9})?$/.test(value)) throw paxError(`invalid PAX ${key} "${clip(value)}"`, at);
        break;
      case "size":
        setNumber(into, "size", value, at);
        break;
      case "uid":
        setNumber(into, "uid", value, at);
        break;
      case "gid":
        setNumber(into, "gid", value, at);
        break;
      case "GNU.sparse.name":
        into.sparseName = checkPath("PAX GNU.sparse.name", value, at);
        break;
      case "GNU.sparse.realsize":
      case "GNU.sparse.size":
        setNumber(into, "sparseRealSize", value, at);
        break;
    }
  }
  return into;
}
function setNumber(into, key, value, at) {
  const n = /^[0-9]{1,16}$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(n)) into[key] = n;
  else throw paxError(`invalid PAX ${key} "${clip(value)}" (not a non-negative integer)`, at);
}
function paxError(message, at) {
  return new TarFormatError(message, "pax", at, message);
}

// src/tar/entry-reader.ts
var TarKind = {
  file: 0,
  dir: 1,
  symlink: 2,
  hardlink: 3,
  char: 4,
  block: 5,
  fifo: 6,
  other: 7
};
var State = { header: 0, skip: 1, data: 2, meta: 3, sparseExt: 4, done: 5 };
var TarEntryReader = class {
  constructor(sink) {
    this.sink = sink;
  }
  sink;
  state = State.header;
  /** Partial header (or sparse extension) block carried across chunks. */
  block = Buffer.alloc(BLOCK);
  blockFill = 0;
  skipBytes = 0;
  /** How many of the last `skipBytes` are block padding (not part of any body). */
  skipPad = 0;
  dataRemain = 0;
  dataPad = 0;
  meta = null;
  metaFill = 0;
  metaType = 0;
  metaAt = 0;
  local = null;
  global = null;
  /** Bytes consumed so far (pushed or skipped). */
  offset = 0;
  blockAt = 0;
  current = {
    path: "",
    kind: TarKind.file,
    typeflag: 0,
    size: 0,
    bodySize: 0,
    headerAt: 0,
    bodyAt: 0,
    sparse: false,
    linkpath: null,
    mode: 0,
    uid: 0,
    gid: 0
  };
  /** True once the end-of-archive block has been read (or `end()` accepted the stream). */
  get finished() {
    return this.state === State.done;
  }
  /** True while passing over bytes nobody reads (a body, padding): a seeking driver may `skip` them. */
  get skipping() {
    return this.state === State.skip;
  }
  /** True when the next byte starts a header block (not a body, a meta record or an extension block). */
  get atHeader() {
    return this.state === State.header && this.blockFill === 0;
  }
  /** Of the bytes being skipped, how many at the end are padding: a stream may end without them. */
  get paddingWanted() {
    return this.state === State.skip ? Math.min(this.skipPad, this.skipBytes) : 0;
  }
  /** Bytes the reader needs before its next decision: the rest of a block, a meta body, a body. */
  get bytesWanted() {
    switch (this.state) {
      case State.header:
      case State.sparseExt:
        return BLOCK - this.blockFill;
      case State.skip:
        return this.skipBytes;
      case State.data:
        return this.dataRemain;
      case State.meta:
        return this.meta.length - this.metaFill;
      default:
        return 0;
    }
  }
  /** Passes over `n` bytes the driver did not push (it seeked over them); only while `skipping`. */
  skip(n) {
    if (n === 0) return;
    if (this.state !== State.skip || n > this.skipBytes) throw new Error(`TarEntryReader.skip(${n}) outside a body`);
    this.skipBytes -= n;
    this.offset += n;
    if (this.skipBytes === 0) this.state = State.header;
  }
  /** Feeds tar bytes. Throws `TarFormatError` on a malformed archive. */
  push(chunk) {
    const len = chunk.length;
    let pos = 0;
    while (pos < len) {
      switch (this.state) {
        case State.header:
        case State.sparseExt: {
          if (this.blockFill === 0 && pos + BLOCK <= len) {
            this.blockAt = this.offset + pos;
            pos += BLOCK;
            this.onBlock(chunk, pos - BLOCK, this.offset + pos);
          } else {
            const n = Math.min(BLOCK - this.blockFill, len - pos);
            chunk.copy(this.block, this.blockFill, pos, pos + n);
            this.blockFill += n;
            pos += n;
            if (this.blockFill === BLOCK) {
              this.blockFill = 0;
              this.blockAt = this.offset + pos - BLOCK;
              this.onBlock(this.block, 0, this.offset + pos);
            }
          }
          break;
        }
        case State.skip: {
          const n = Math.min(this.skipBytes, len - pos);
          pos += n;
          this.skipBytes -= n;
          if (this.skipBytes === 0) this.state = State.header;
          break;
        }
        case State.data: {
          const n = Math.min(this.dataRemain, len - pos);
          this.sink.data(chunk.subarray(pos, pos + n));
          pos += n;
          this.dataRemain -= n;
          if (this.dataRemain === 0) this.endData();
          break;
        }
        case State.meta: {
          const meta = this.meta;
          const n = Math.min(meta.length - this.metaFill, len - pos);
          chunk.copy(meta, this.metaFill, pos, pos + n);
          this.metaFill += n;
          pos += n;
          if (this.metaFill === meta.length) this.endMeta();
          break;
        }
        case State.done:
          this.offset += len - pos;
          return;
      }
    }
    this.offset += len;
  }
  /** Call at the end of the stream: throws when it ended inside an entry. */
  end() {
    if (this.state === State.done) return;
    if (this.state === State.header && this.blockFill === 0) {
      this.state = State.done;
      return;
    }
    throw new TarFormatError(`unexpected end of tar data at byte ${this.offset} (truncated layer?)`, "truncated", this.blockAt, "truncated");
  }
  endData() {
    this.sink.dataEnd?.();
    this.skipBytes = this.dataPad;
    this.skipPad = this.dataPad;
    this.state = this.skipBytes > 0 ? State.skip : State.header;
  }
  /** `next` is the stream offset just past this block (where a body would start). */
  onBlock(buf, off, next) {
    if (this.state === State.sparseExt) {
      if (buf[off + 504] === 0) this.emit(next);
      return;
    }
    this.onHeader(buf, off, next);
  }
  onHeader(buf, off, next) {
    const at = this.blockAt;
    if (buf[off] === 0 && isZeroBlock(buf, off)) {
      this.state = State.done;
      return;
    }
    if (!checksumValid(buf, off)) throw new TarFormatError(`invalid tar header at byte ${at} (bad checksum)`, "checksum", at, "bad checksum");
    const type = buf[off + 156];
    const storedSize = readNumber(buf, off + 124, 12);
    if (storedSize < 0) throw new TarFormatError(`invalid tar header at byte ${at}: bad size field`, "size", at, "invalid size");
    if (type === 120 || type === 103 || type === 76 || type === 75 || type === 88) {
      if (storedSize > MAX_META_BYTES) {
        const name2 = readString(buf, off, 100);
        throw new TarFormatError(
          `tar meta header of ${storedSize} bytes exceeds ${MAX_META_BYTES} (corrupt layer?)`,
          "meta-too-large",
          at,
          `extended header for "${name2}" is ${storedSize} bytes`
        );
      }
      this.metaType = type;
      this.metaAt = at;
      this.meta = Buffer.allocUnsafe(storedSize);
      this.metaFill = 0;
      this.dataPad = padding(storedSize);
      if (storedSize === 0) this.endMeta();
      else this.state = State.meta;
      return;
    }
    if (type === 86) {
      this.local = null;
      this.skipBytes = storedSize + padding(storedSize);
      this.skipPad = padding(storedSize);
      this.state = this.skipBytes > 0 ? State.skip : State.header;
      return;
    }
    const local = this.local;
    const global = this.global;
    this.local = null;
    const ustar = buf[off + 257] === 117 && buf[off + 258] === 115 && buf[off + 259] === 116 && buf[off + 260] === 97 && buf[off + 261] === 114;
    const posix = ustar && buf[off + 262] === 0;
    let name = local?.path ?? global?.path;
    if (name === void 0) {
      name = readString(buf, off, 100);
      if (posix && buf[off + 345] !== 0) name = readString(buf, off + 345, 155) + "/" + name;
    }
    let kind;
    let headerOnly = false;
    switch (type) {
      case 48:
      // '0'
      case 0:
      // v7 regular file ('/' ending marks a v7 directory)
      case 55:
        kind = name.endsWith("/") ? TarKind.dir : TarKind.file;
        break;
      case 49:
        kind = TarKind.hardlink;
        headerOnly = true;
        break;
      case 50:
        kind = TarKind.symlink;
        headerOnly = true;
        break;
      case 51:
        kind = TarKind.char;
        headerOnly = true;
        break;
      case 52:
        kind = TarKind.block;
        headerOnly = true;
        break;
      case 53:
        kind = TarKind.dir;
        headerOnly = true;
        break;
      case 54:
        kind = TarKind.fifo;
        headerOnly = true;
        break;
      case 68:
        kind = TarKind.dir;
        break;
      case 83:
        kind = TarKind.file;
        break;
      default:
        kind = type >= 65 && type <= 90 ? TarKind.other : TarKind.file;
    }
    let bodySize = local?.size ?? global?.size ?? storedSize;
    let size = bodySize;
    if (type === 83) {
      size = readNumber(buf, off + 483, 12);
      if (size < 0) throw new TarFormatError(`invalid tar header at byte ${at}: bad sparse real size field`, "sparse-size", at, "invalid sparse real size");
    }
    const sparseName = local?.sparseName;
    if (sparseName !== void 0) name = sparseName;
    if (local?.sparseRealSize !== void 0) size = local.sparseRealSize;
    if (headerOnly) bodySize = 0;
    if (kind !== TarKind.file) size = 0;
    let linkpath = null;
    if (kind === TarKind.symlink || kind === TarKind.hardlink) linkpath = local?.linkpath ?? global?.linkpath ?? readString(buf, off + 157, 100);
    const mode = readNumber(buf, off + 100, 8);
    const uid = local?.uid ?? global?.uid ?? readNumber(buf, off + 108, 8);
    const gid = local?.gid ?? global?.gid ?? readNumber(buf, off + 116, 8);
    const h = this.current;
    h.path = name;
    h.kind = kind;
    h.typeflag = type;
    h.size = size;
    h.bodySize = bodySize;
    h.headerAt = at;
    h.sparse = type === 83 || local?.sparseRealSize !== void 0 || sparseName !== void 0;
    h.linkpath = linkpath;
    h.mode = mode < 0 ? 0 : mode;
    h.uid = uid < 0 ? 0 : uid;
    h.gid = gid < 0 ? 0 : gid;
    if (type === 83 && buf[off + 482] !== 0) {
      this.state = State.sparseExt;
      return;
    }
    this.emit(next);
  }
  /** Hands the current header to the sink, then sets up its body. */
  emit(bodyAt) {
    const h = this.current;
    h.bodyAt = bodyAt;
    const wantsData = this.sink.entry(h);
    const total = h.bodySize + padding(h.bodySize);
    if (wantsData) {
      this.dataRemain = h.bodySize;
      this.dataPad = total - h.bodySize;
      if (h.bodySize === 0) this.endData();
      else this.state = State.data;
      return;
    }
    this.skipBytes = total;
    this.skipPad = total - h.bodySize;
    this.state = total > 0 ? State.skip : State.header;
  }
  endMeta() {
    const body = this.meta;
    const at = this.metaAt;
    this.meta = null;
    switch (this.metaType) {
      case 120:
      case 88:
        this.local = parsePax(body, this.local ?? {}, at);
        break;
      case 103: {
        const global = parsePax(body, this.global ?? {}, at);
        delete global.path;
        delete global.linkpath;
        delete global.sparseName;
        this.global = global;
        break;
      }
      case 76:
        (this.local ??= {}).path = checkPath("GNU long name", cString(body), at);
        break;
      case 75:
        (this.local ??= {}).linkpath = checkPath("GNU long link name", cString(body), at);
        break;
    }
    this.skipBytes = this.dataPad;
    this.skipPad = this.dataPad;
    this.state = this.skipBytes > 0 ? State.skip : State.header;
  }
};

// src/layers/packages/record.ts
var PACKAGE_LIMITS = {
  /** Bytes of one database file captured while the layer streams past. */
  fileBytes: 8 * 1024 * 1024,
  /** Bytes of all database files captured from one layer. */
  layerBytes: 32 * 1024 * 1024,
  /** Database files captured from one layer. */
  layerFiles: 5e4,
  /** Package records read from one layer. */
  records: 1e5,
  /** File paths listed by one layer's records together (a 2 GB Debian image lists about 150,000 in all). */
  files: 5e5,
  /**
   * Records and listed paths over all the layers of a run (each costs about what an indexed entry
   * does); past it, package attribution is off for the run rather than partly wrong.
   */
  run: 1e6,
  /** Characters of a name, version or architecture; a longer one drops the record. */
  field: 256,
  /** Characters of a listed path; a longer one is skipped. */
  path: 4096
};
function field(value) {
  if (value === void 0) return null;
  const v = value.trim();
  return v === "" || v.length > PACKAGE_LIMITS.field ? null : v;
}
function dbPath(raw, base = "") {
  if (raw.length === 0 || raw.length > PACKAGE_LIMITS.path) return null;
  const out = raw.startsWith("/") || base === "" ? [] : base.split("/");
  for (const part of raw.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.length === 0 ? null : out.join("/");
}

// src/layers/packages/apk.ts
function parseApkInstalled(text, source) {
  const out = [];
  let fileBudget = PACKAGE_LIMITS.files;
  let name = null;
  let version = null;
  let arch = null;
  let dir = "";
  let files = [];
  let bad = false;
  const flush = () => {
    if (!bad && name !== null && version !== null && out.length < PACKAGE_LIMITS.records)
      out.push({ manager: "apk", name, version, ...arch !== null ? { arch } : {}, files, source });
    name = version = arch = null;
    dir = "";
    files = [];
    bad = false;
  };
  for (const raw of text.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") {
      flush();
      continue;
    }
    if (line.length < 2 || line[1] !== ":") continue;
    const value = line.slice(2);
    switch (line[0]) {
      case "P":
        name = field(value);
        bad ||= name === null;
        break;
      case "V":
        version = field(value);
        bad ||= version === null;
        break;
      case "A":
        arch = field(value);
        break;
      case "F":
        dir = dbPath(value) ?? "";
        break;
      case "R": {
        if (fileBudget <= 0) break;
        if (value.includes("/")) break;
        const p = dbPath(value, dir);
        if (p !== null) {
          files.push(p);
          fileBudget--;
        }
        break;
      }
    }
  }
  flush();
  return out;
}

// src/layers/packages/dpkg.ts
var MAX_FIELDS = 64;
function* deb822Stanzas(text) {
  let stanza = /* @__PURE__ */ new Map();
  for (const line of text.split("\n")) {
    const l = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (l.trim() === "") {
      if (stanza.size > 0) yield stanza;
      stanza = /* @__PURE__ */ new Map();
      continue;
    }
    if (l.startsWith(" ") || l.startsWith("	")) continue;
    const colon = l.indexOf(":");
    if (colon <= 0 || stanza.size >= MAX_FIELDS) continue;
    const key = l.slice(0, colon).toLowerCase();
    if (!stanza.has(key)) stanza.set(key, l.slice(colon + 1));
  }
  if (stanza.size > 0) yield stanza;
}
function parseDpkgStatus(text, source) {
  const out = [];
  for (const s of deb822Stanzas(text)) {
    if (out.length >= PACKAGE_LIMITS.records) break;
    const status = s.get("status");
    if (status !== void 0 && status.trim().split(/\s+/)[2] !== "installed") continue;
    const name = field(s.get("package"));
    const version = field(s.get("version"));
    if (name === null || version === null) continue;
    const arch = field(s.get("architecture"));
    out.push({ manager: "dpkg", name, version, ...arch !== null ? { arch } : {}, source });
  }
  return out;
}
function listFileOwner(path) {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (!base.endsWith(".list")) return null;
  const stem = base.slice(0, -".list".length);
  const colon = stem.indexOf(":");
  const name = field(colon < 0 ? stem : stem.slice(0, colon));
  if (name === null) return null;
  return { name, arch: colon < 0 ? null : field(stem.slice(colon + 1)) };
}
function parseDpkgMd5sums(text, source, budget = PACKAGE_LIMITS.files) {
  const base = source.slice(source.lastIndexOf("/") + 1);
  if (!base.endsWith(".md5sums")) return null;
  const stem = base.slice(0, -".md5sums".length);
  const colon = stem.indexOf(":");
  const name = field(colon < 0 ? stem : stem.slice(0, colon));
  if (name === null) return null;
  const files = [];
  for (const line of text.split("\n")) {
    if (files.length >= budget) break;
    const m = /^[0-9a-fA-F]{32} [ *]?(.+?)\r?$/.exec(line);
    const p = m ? dbPath(m[1]) : null;
    if (p !== null) files.push(p);
  }
  return { manager: "dpkg", name, version: "", files, source };
}
function parseDpkgList(text, source, budget = PACKAGE_LIMITS.files) {
  const owner = listFileOwner(source);
  if (owner === null) return null;
  const files = [];
  for (const line of text.split("\n")) {
    if (files.length >= budget) break;
    const p = dbPath(line.endsWith("\r") ? line.slice(0, -1) : line);
    if (p !== null) files.push(p);
  }
  return { manager: "dpkg", name: owner.name, version: "", ...owner.arch !== null ? { arch: owner.arch } : {}, files, source };
}

// src/errors.ts
var LayerdiffError = class extends Error {
  code;
  /** The reference or input name the error is about, if any (already part of `message`). */
  subject;
  /**
   * The message for any shell, when it names an input a user sets (`--platform` in the CLI, the
   * `platform` input in the action): the shell words it with its own names (`describeError`).
   */
  worded;
  constructor(code, message, options) {
    super(message, options?.cause === void 0 ? void 0 : { cause: options.cause });
    this.name = "LayerdiffError";
    this.code = code;
    this.subject = options?.subject;
    this.worded = options?.worded;
  }
  /** The message in the words of the shell that names inputs with `name`. */
  messageFor(name) {
    return this.worded ? this.worded(name) : this.message;
  }
};
function inputError(subject, reason, cause) {
  return new LayerdiffError("input", `${subject}: ${reason}`, { subject, cause });
}

// src/schema/json-input.ts
var MiB = 1024 * 1024;
var JsonCap = {
  manifest: 4 * MiB,
  index: 4 * MiB,
  config: 8 * MiB,
  snapshot: 32 * MiB,
  report: 32 * MiB
};
var MAX_JSON_DEPTH = 64;
function parseJsonBounded(input, cap, subject, what) {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length > cap) throw inputError(subject, `${what} is too large (${bytes.length} bytes, limit ${cap})`);
  const depth = maxNesting(bytes);
  if (depth > MAX_JSON_DEPTH) throw inputError(subject, `${what} nests arrays or objects more than ${MAX_JSON_DEPTH} deep`);
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw inputError(subject, `${what} is not valid JSON (${error.message.split("\n")[0]?.slice(0, 120)})`);
  }
}
function maxNesting(bytes) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 92)
        i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > MAX_JSON_DEPTH) return deepest;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return deepest;
}

// src/layers/packages/npm.ts
function npmPackageDir(path) {
  if (!path.endsWith("/package.json")) return null;
  const dir = path.slice(0, -"/package.json".length);
  const parts = dir.split("/");
  const n = parts.length;
  if (n >= 2 && parts[n - 2] === "node_modules" && isName(parts[n - 1]) && !parts[n - 1].startsWith("@")) return dir;
  if (n >= 3 && parts[n - 3] === "node_modules" && parts[n - 2].startsWith("@") && isName(parts[n - 2].slice(1)) && isName(parts[n - 1])) return dir;
  return null;
}
function isName(segment) {
  return segment !== "" && segment !== ".bin" && !segment.startsWith(".");
}
function parseNpmPackageJson(data, source) {
  const dir = npmPackageDir(source);
  if (dir === null) return null;
  let json;
  try {
    json = parseJsonBounded(data, PACKAGE_LIMITS.fileBytes, source, "package.json");
  } catch {
    return null;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return null;
  const o = json;
  const dirName = dir.slice(dir.lastIndexOf("node_modules/") + "node_modules/".length);
  const name = field(typeof o["name"] === "string" ? o["name"] : dirName);
  const version = field(typeof o["version"] === "string" ? o["version"] : void 0) ?? "";
  if (name === null) return null;
  return { manager: "npm", name, version, dir, source };
}

// src/layers/packages/python.ts
function pythonFileKind(path) {
  const slash = path.lastIndexOf("/");
  if (slash < 0) return null;
  const dir = path.slice(0, slash);
  const base = path.slice(slash + 1);
  let kind = null;
  if (dir.endsWith(".dist-info")) kind = base === "METADATA" ? "metadata" : base === "RECORD" ? "record" : null;
  else if (dir.endsWith(".egg-info") && base === "PKG-INFO") kind = "pkg-info";
  if (kind === null) return null;
  if (!dir.includes("site-packages/") && !dir.includes("dist-packages/")) return null;
  return { kind, dir };
}
function parseMetadata(text) {
  let name = null;
  let version = null;
  for (const raw of text.split("\n", 200)) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const key = line.slice(0, colon).toLowerCase();
    if (key === "name" && name === null) name = field(line.slice(colon + 1));
    else if (key === "version" && version === null) version = field(line.slice(colon + 1));
  }
  return { name, version };
}
function parseRecord(text, siteDir, budget = PACKAGE_LIMITS.files) {
  const files = [];
  for (const raw of text.split("\n")) {
    if (files.length >= budget) break;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") continue;
    let path;
    if (line.startsWith('"')) {
      let i = 1;
      let out = "";
      for (; i < line.length; i++) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            out += '"';
            i++;
          } else break;
        } else out += line[i];
      }
      path = out;
    } else {
      const comma = line.indexOf(",");
      path = comma < 0 ? line : line.slice(0, comma);
    }
    const p = dbPath(path, siteDir);
    if (p !== null) files.push(p);
  }
  return files;
}
function nameFromDir(dir) {
  const base = dir.slice(dir.lastIndexOf("/") + 1).replace(/\.(dist|egg)-info$/, "");
  const dash = base.indexOf("-");
  if (dash <= 0) return { name: field(base), version: null };
  const rest = base.slice(dash + 1);
  const version = rest.split("-")[0];
  return { name: field(base.slice(0, dash)), version: field(version) };
}
function pythonRecord(dir, files) {
  const meta = files.metadata ?? files["pkg-info"];
  const fromMeta = meta !== void 0 ? parseMetadata(meta) : { name: null, version: null };
  const fromDir = nameFromDir(dir);
  const name = fromMeta.name ?? fromDir.name;
  const version = fromMeta.version ?? fromDir.version ?? "";
  if (name === null) return null;
  const siteDir = dir.slice(0, Math.max(0, dir.lastIndexOf("/")));
  const record = {
    manager: "python",
    name,
    version,
    dir,
    source: `${dir}/${files.metadata !== void 0 ? "METADATA" : files["pkg-info"] !== void 0 ? "PKG-INFO" : "RECORD"}`
  };
  if (files.record !== void 0) record.files = parseRecord(files.record, siteDir);
  return record;
}

// src/layers/packages/capture.ts
var DPKG_STATUS = "var/lib/dpkg/status";
var DPKG_STATUS_D = "var/lib/dpkg/status.d/";
var DPKG_INFO = "var/lib/dpkg/info/";
var APK_INSTALLED = "lib/apk/db/installed";
function isPackageDatabase(path) {
  const last = path.charCodeAt(path.length - 1);
  if (path.startsWith("var/lib/dpkg/")) {
    if (path === DPKG_STATUS) return true;
    if (path.startsWith(DPKG_STATUS_D)) return path.indexOf("/", DPKG_STATUS_D.length) < 0 && path.length > DPKG_STATUS_D.length;
    return path.startsWith(DPKG_INFO) && path.endsWith(".list") && path.indexOf("/", DPKG_INFO.length) < 0;
  }
  if (last === 110) return npmPackageDir(path) !== null;
  if (last === 100) return path === APK_INSTALLED;
  if (last === 65 || last === 68 || last === 79) return pythonFileKind(path) !== null;
  return false;
}
var PackageCapture = class {
  files = [];
  bytes = 0;
  current = null;
  /** Database files seen but not kept (over a cap). */
  skipped = 0;
  /** Called per tar entry: true when the entry's bytes should be handed to `data`. */
  wants(path, isFile, size) {
    this.current = null;
    if (!isFile || !isPackageDatabase(path)) return false;
    if (size > PACKAGE_LIMITS.fileBytes || this.bytes + size > PACKAGE_LIMITS.layerBytes || this.files.length >= PACKAGE_LIMITS.layerFiles) {
      this.skipped++;
      return false;
    }
    this.bytes += size;
    this.current = { path, pieces: [], size: 0 };
    return true;
  }
  /** A piece of the wanted entry's body; copied (the reader reuses its buffers). */
  data(piece) {
    const c = this.current;
    if (c === null || c.size + piece.length > PACKAGE_LIMITS.fileBytes) return;
    c.pieces.push(Buffer.from(piece));
    c.size += piece.length;
  }
  dataEnd() {
    const c = this.current;
    this.current = null;
    if (c !== null) this.files.push({ path: c.path, data: c.pieces.length === 1 ? c.pieces[0] : Buffer.concat(c.pieces) });
  }
  /** The records of every captured file (null when the layer carries no database), bounded. */
  records() {
    if (this.files.length === 0) return null;
    const out = recordsOf(this.files);
    this.files.length = 0;
    return out;
  }
};
function recordsOf(files) {
  const last = /* @__PURE__ */ new Map();
  for (const f of files) last.set(f.path, f.data);
  const out = [];
  let fileBudget = PACKAGE_LIMITS.files;
  const push = (r) => {
    if (r === null || out.length >= PACKAGE_LIMITS.records) return;
    if (r.files) {
      if (r.files.length > fileBudget) r.files = r.files.slice(0, fileBudget);
      fileBudget -= r.files.length;
    }
    out.push(r);
  };
  const python = /* @__PURE__ */ new Map();
  for (const [path, data] of last) {
    const text = () => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
    if (path.startsWith(DPKG_STATUS_D) && path.endsWith(".md5sums")) push(parseDpkgMd5sums(text(), path, fileBudget));
    else if (path === DPKG_STATUS || path.startsWith(DPKG_STATUS_D)) for (const r of parseDpkgStatus(text(), path)) push(r);
    else if (path.startsWith(DPKG_INFO)) push(parseDpkgList(text(), path, fileBudget));
    else if (path === APK_INSTALLED) for (const r of parseApkInstalled(text(), path)) push(r);
    else if (path.endsWith("/package.json")) push(parseNpmPackageJson(data, path));
    else {
      const py = pythonFileKind(path);
      if (py === null) continue;
      const entry = python.get(py.dir) ?? {};
      entry[py.kind] = text();
      python.set(py.dir, entry);
    }
  }
  for (const [dir, files2] of python) push(pythonRecord(dir, files2));
  return out;
}

// src/layers/layer-index.ts
var EntryKind = TarKind;
var MAX_DEEP_ENTRIES = envCount("LAYERDIFF_MAX_ENTRIES") ?? 75e4;
function envCount(name) {
  const raw = process.env[name];
  const n = raw ? Number(raw) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : void 0;
}
var EntryLimitError = class extends Error {
  constructor(limit) {
    super(`more than ${limit} entries; refusing (memory budget of a deep scan; LAYERDIFF_MAX_ENTRIES raises it)`);
  }
};
var LayerIndexBuilder = class {
  constructor(fingerprint, maxEntries = MAX_DEEP_ENTRIES) {
    this.fingerprint = fingerprint;
    this.maxEntries = maxEntries;
    this.crcs = fingerprint ? new Int32Array(0) : null;
    this.grow(1024);
  }
  fingerprint;
  maxEntries;
  capacity = 0;
  count = 0;
  contentBytes = 0;
  paths = [];
  kinds = new Uint8Array(0);
  sizes = new Float64Array(0);
  modes = new Uint32Array(0);
  uids = new Uint32Array(0);
  gids = new Uint32Array(0);
  crcs;
  links = /* @__PURE__ */ new Map();
  /** Package database files met during the scan (their content, bounded). */
  packages = new PackageCapture();
  grow(capacity) {
    this.capacity = capacity;
    this.kinds = resize(this.kinds, capacity, Uint8Array);
    this.sizes = resize(this.sizes, capacity, Float64Array);
    this.modes = resize(this.modes, capacity, Uint32Array);
    this.uids = resize(this.uids, capacity, Uint32Array);
    this.gids = resize(this.gids, capacity, Uint32Array);
    if (this.crcs) this.crcs = resize(this.crcs, capacity, Int32Array);
  }
  /** Appends an entry and returns its position. */
  add(path, kind, size, mode, uid, gid, link) {
    if (this.count === this.capacity) {
      if (this.count >= this.maxEntries) throw new EntryLimitError(this.maxEntries);
      this.grow(Math.min(this.capacity * 2, this.maxEntries));
    }
    const i = this.count++;
    this.paths.push(path);
    this.kinds[i] = kind;
    this.sizes[i] = size;
    this.modes[i] = mode & 4095;
    this.uids[i] = clampU32(uid);
    this.gids[i] = clampU32(gid);
    if (link !== null) this.links.set(i, link);
    if (kind === EntryKind.file) this.contentBytes += size;
    return i;
  }
  setCrc(i, crc) {
    if (this.crcs) this.crcs[i] = crc | 0;
  }
  finish(extra) {
    const n = this.count;
    return {
      count: n,
      paths: this.paths,
      kinds: this.kinds.slice(0, n),
      sizes: this.sizes.slice(0, n),
      modes: this.modes.slice(0, n),
      uids: this.uids.slice(0, n),
      gids: this.gids.slice(0, n),
      crcs: this.crcs ? this.crcs.slice(0, n) : null,
      links: this.links,
      contentBytes: this.contentBytes,
      ...extra,
      packages: this.packages.records()
    };
  }
};
function resize(old, capacity, ctor) {
  const next = new ctor(capacity);
  next.set(old.subarray(0, Math.min(old.length, capacity)));
  return next;
}
function clampU32(n) {
  return n >= 0 && n <= 4294967295 ? n : 4294967295;
}
function transferList(index) {
  const list = [index.kinds.buffer, index.sizes.buffer, index.modes.buffer, index.uids.buffer, index.gids.buffer];
  if (index.crcs) list.push(index.crcs.buffer);
  return list;
}
function normalizeEntryPath(raw) {
  if (isClean(raw)) return raw;
  const out = [];
  for (const part of raw.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}
function isClean(p) {
  const n = p.length;
  if (n === 0) return true;
  if (p.charCodeAt(n - 1) === 47) return false;
  let segmentStart = 0;
  for (let i = 0; i <= n; i++) {
    if (i < n && p.charCodeAt(i) !== 47) continue;
    const len = i - segmentStart;
    if (len === 0) return false;
    if (p.charCodeAt(segmentStart) === 46 && (len === 1 || len === 2 && p.charCodeAt(segmentStart + 1) === 46)) return false;
    segmentStart = i + 1;
  }
  return true;
}

// src/layers/layer-scanner.ts
import { finished } from "node:stream/promises";

// src/layers/compression.ts
import zlib2 from "node:zlib";

// src/layers/zstd-frames.ts
import { Transform } from "node:stream";
import zlib from "node:zlib";
var ZSTD_MAGIC = 4247762216;
var SKIPPABLE_MASK = 4294967280;
var SKIPPABLE_MAGIC = 407710288;
var MAX_BLOCK = 128 * 1024;
var SMALL_FRAME = 64 * 1024;
var SMALL_FRAME_OUTPUT = 4 * 1024 * 1024;
var ZstdFrameError = class extends Error {
  code = "Z_DATA_ERROR";
};
var ZstdFrameReader = class {
  state = "magic";
  /** Bytes of the field being collected (magic, block header, skippable size). */
  field = Buffer.alloc(4);
  fieldLength = 0;
  /** Bytes still to skip in the current 'header', 'block', 'checksum' or 'skippable' state. */
  remaining = 0;
  lastBlock = false;
  hasChecksum = false;
  /** Bytes read so far, for error messages. */
  offset = 0;
  /** Frames seen (zstd and skippable). */
  frames = 0;
  /** True between frames: the stream may end here. */
  get atBoundary() {
    return this.state === "magic" && this.fieldLength === 0;
  }
  read(chunk) {
    const events = [];
    let segment = this.inZstdFrame() ? 0 : -1;
    let i = 0;
    const flush = (end) => {
      if (segment >= 0 && end > segment) events.push({ kind: "data", bytes: chunk.subarray(segment, end) });
      segment = -1;
    };
    while (i < chunk.length) {
      switch (this.state) {
        case "magic": {
          const from = i;
          const straddles = this.fieldLength > 0;
          i = this.collect(chunk, i, 4);
          if (this.fieldLength < 4) break;
          const magic = this.field.readUInt32LE(0);
          const at = this.offset + i - 4;
          this.fieldLength = 0;
          if (magic === ZSTD_MAGIC) {
            events.push({ kind: "start" });
            this.frames++;
            if (!straddles) segment = from;
            else {
              events.push({ kind: "data", bytes: Buffer.from(this.field) });
              segment = i;
            }
            this.state = "descriptor";
          } else if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
            this.frames++;
            this.state = "skippable-size";
          } else {
            throw new ZstdFrameError(`not a zstd frame at byte ${at} (magic 0x${magic.toString(16).padStart(8, "0")})`);
          }
          break;
        }
        case "descriptor": {
          const descriptor = chunk[i++];
          const contentSizeFlag = descriptor >> 6;
          const singleSegment = descriptor >> 5 & 1;
          this.hasChecksum = (descriptor >> 2 & 1) === 1;
          const windowBytes = singleSegment ? 0 : 1;
          const dictionaryBytes = [0, 1, 2, 4][descriptor & 3];
          const contentSizeBytes = contentSizeFlag === 0 ? singleSegment : [0, 2, 4, 8][contentSizeFlag];
          this.remaining = windowBytes + dictionaryBytes + contentSizeBytes;
          this.state = this.remaining > 0 ? "header" : "block-header";
          break;
        }
        case "header":
        case "block":
        case "checksum":
        case "skippable": {
          const take = Math.min(this.remaining, chunk.length - i);
          i += take;
          this.remaining -= take;
          if (this.remaining > 0) break;
          if (this.state === "header") this.state = "block-header";
          else if (this.state === "block") this.afterBlock();
          else this.state = "magic";
          if (this.state === "magic" && segment >= 0) {
            flush(i);
            events.push({ kind: "end" });
          }
          break;
        }
        case "block-header": {
          i = this.collect(chunk, i, 3);
          if (this.fieldLength < 3) break;
          this.fieldLength = 0;
          const header = this.field.readUIntLE(0, 3);
          this.lastBlock = (header & 1) === 1;
          const type = header >> 1 & 3;
          const size = header >>> 3;
          if (type === 3) throw new ZstdFrameError(`reserved block type at byte ${this.offset + i - 3}`);
          if (size > MAX_BLOCK) throw new ZstdFrameError(`block of ${size} bytes at byte ${this.offset + i - 3} (the limit is ${MAX_BLOCK})`);
          this.remaining = type === 1 ? 1 : size;
          if (this.remaining > 0) this.state = "block";
          else {
            this.afterBlock();
            if (this.state === "magic") {
              flush(i);
              events.push({ kind: "end" });
            }
          }
          break;
        }
        case "skippable-size": {
          i = this.collect(chunk, i, 4);
          if (this.fieldLength < 4) break;
          this.fieldLength = 0;
          this.remaining = this.field.readUInt32LE(0);
          this.state = this.remaining > 0 ? "skippable" : "magic";
          break;
        }
      }
    }
    flush(chunk.length);
    this.offset += chunk.length;
    return events;
  }
  inZstdFrame() {
    return this.state !== "magic" && this.state !== "skippable-size" && this.state !== "skippable";
  }
  afterBlock() {
    if (!this.lastBlock) this.state = "block-header";
    else if (this.hasChecksum) {
      this.state = "checksum";
      this.remaining = 4;
    } else this.state = "magic";
  }
  /** Copies bytes of a field of `size` bytes from `chunk` at `i`; returns the next index. */
  collect(chunk, i, size) {
    const take = Math.min(size - this.fieldLength, chunk.length - i);
    chunk.copy(this.field, this.fieldLength, i, i + take);
    this.fieldLength += take;
    return i + take;
  }
};
var ZstdFramesDecompress = class extends Transform {
  constructor(factory, chunkSize) {
    super({ readableHighWaterMark: chunkSize });
    this.factory = factory;
    this.chunkSize = chunkSize;
  }
  factory;
  chunkSize;
  reader = new ZstdFrameReader();
  inner = null;
  /** Rejects when the current frame's decompressor fails. */
  innerFailed = null;
  innerPaused = false;
  /** The current frame's bytes while it is still small enough to decode in one call, else null. */
  small = null;
  smallBytes = 0;
  /** Resolves the wait of a synchronously decoded frame's output for the reader. */
  wakeWriter = null;
  _transform(chunk, _encoding, done) {
    this.consume(chunk).then(() => done(), done);
  }
  _flush(done) {
    this.finish().then(() => done(), done);
  }
  _read(size) {
    if (this.innerPaused && this.inner) {
      this.innerPaused = false;
      this.inner.resume();
    }
    this.wake();
    super._read(size);
  }
  _destroy(error, done) {
    this.inner?.destroy();
    this.inner = null;
    this.small = null;
    this.wake();
    done(error);
  }
  async consume(chunk) {
    const heldBefore = this.small?.length ?? 0;
    for (const event of this.reader.read(chunk)) {
      if (this.destroyed) return;
      if (event.kind === "start") {
        this.small = [];
        this.smallBytes = 0;
      } else if (event.kind === "data") await this.frameData(event.bytes);
      else if (this.small) await this.decodeSmall();
      else await this.endFrame();
    }
    if (this.small) for (let i = heldBefore; i < this.small.length; i++) this.small[i] = Buffer.from(this.small[i]);
  }
  async frameData(bytes) {
    if (this.small) {
      if (this.smallBytes + bytes.length <= SMALL_FRAME) {
        this.small.push(bytes);
        this.smallBytes += bytes.length;
        return;
      }
      const held = Buffer.concat(this.small);
      this.small = null;
      this.openFrame();
      if (held.length > 0) await this.writeFrame(held);
    }
    await this.writeFrame(bytes);
  }
  /** Decodes the held small frame in one call and pushes its output as the reader takes it. */
  async decodeSmall() {
    const frame = this.small.length === 1 ? this.small[0] : Buffer.concat(this.small);
    this.small = null;
    let out;
    try {
      out = zlib.zstdDecompressSync(frame, { maxOutputLength: SMALL_FRAME_OUTPUT });
    } catch (error) {
      if (error.code !== "ERR_BUFFER_TOO_LARGE") throw error;
      this.openFrame();
      await this.writeFrame(frame);
      await this.endFrame();
      return;
    }
    for (let o = 0; o < out.length && !this.destroyed; o += this.chunkSize) {
      if (!this.push(out.subarray(o, o + this.chunkSize))) {
        await new Promise((resolve) => {
          this.wakeWriter = resolve;
        });
      }
    }
  }
  wake() {
    const wake = this.wakeWriter;
    this.wakeWriter = null;
    wake?.();
  }
  async finish() {
    if (this.small) await this.decodeSmall();
    else if (this.inner) await this.endFrame();
    if (!this.reader.atBoundary || this.reader.frames === 0) {
      throw Object.assign(new Error("unexpected end of file"), { code: "Z_BUF_ERROR" });
    }
  }
  openFrame() {
    const inner = this.factory({ chunkSize: this.chunkSize });
    this.inner = inner;
    this.innerPaused = false;
    this.innerFailed = new Promise((_resolve, reject) => inner.once("error", reject));
    this.innerFailed.catch(() => void 0);
    inner.on("data", (out) => {
      if (!this.push(out)) {
        this.innerPaused = true;
        inner.pause();
      }
    });
  }
  async writeFrame(bytes) {
    const inner = this.inner;
    if (!inner) return;
    const written = new Promise((resolve, reject) => inner.write(bytes, (error) => error ? reject(error) : resolve()));
    written.catch(() => void 0);
    await Promise.race([written, this.innerFailed]);
  }
  /** Ends the current frame's decompressor and waits until all its output is pushed. */
  async endFrame() {
    const inner = this.inner;
    if (!inner) return;
    const ended = new Promise((resolve) => inner.once("end", resolve));
    inner.end();
    await Promise.race([ended, this.innerFailed]);
    this.inner = null;
  }
};
function createZstdFramesDecompress(factory, chunkSize) {
  return new ZstdFramesDecompress(factory, chunkSize);
}

// src/layers/compression.ts
var MAGIC_BYTES = 4;
function sniffCompression(head) {
  if (head.length >= 2 && head[0] === 31 && head[1] === 139) return "gzip";
  if (head.length >= 4 && head[0] === 40 && head[1] === 181 && head[2] === 47 && head[3] === 253) return "zstd";
  return "none";
}
var zstdAvailable = typeof zlib2.createZstdDecompress === "function";
function createDecompressor(compression) {
  const chunk = 256 * 1024;
  switch (compression) {
    case "gzip":
      return zlib2.createGunzip({ chunkSize: chunk });
    case "zstd": {
      if (!zstdAvailable) {
        throw new Error(`zstd layers need Node.js 22.15 or newer (this is ${process.version})`);
      }
      const factory = zlib2.createZstdDecompress;
      return createZstdFramesDecompress(factory, chunk);
    }
    case "none":
      return null;
  }
}

// src/stats.ts
import { AsyncLocalStorage } from "node:async_hooks";
function newRunStats() {
  return {
    archiveBytesRead: 0,
    layersMeasured: 0,
    measuredStoredBytes: 0,
    measuredUncompressedBytes: 0,
    layersScanned: 0,
    scannedStoredBytes: 0,
    scannedUncompressedBytes: 0,
    networkBytes: 0,
    requests: {}
  };
}
var processStats = newRunStats();
var currentRun = new AsyncLocalStorage();
function runStats() {
  return currentRun.getStore() ?? processStats;
}
var FIELDS = Object.keys(newRunStats());
var stats = Object.defineProperties(
  {},
  Object.fromEntries(
    FIELDS.map((field2) => [
      field2,
      {
        enumerable: true,
        get: () => runStats()[field2],
        set: (value) => {
          runStats()[field2] = value;
        }
      }
    ])
  )
);

// src/layers/measure.ts
var DEFAULT_MAX_UNCOMPRESSED_BYTES = 64 * 1024 ** 3;
function bombLimitsFrom(env) {
  return {
    maxRatio: 1e3,
    ratioAfterBytes: 256 * 1024 * 1024,
    maxUncompressedBytes: envBytes(env, "LAYERDIFF_MAX_LAYER_BYTES") ?? DEFAULT_MAX_UNCOMPRESSED_BYTES
  };
}
var defaultBombLimits = {
  maxRatio: 1e3,
  ratioAfterBytes: 256 * 1024 * 1024,
  get maxUncompressedBytes() {
    return bombLimitsFrom(process.env).maxUncompressedBytes;
  }
};
function bombReason(limits, compression, uncompressedBytes, storedBytes) {
  if (uncompressedBytes > limits.maxUncompressedBytes) {
    return `decompresses to more than ${limits.maxUncompressedBytes} bytes; refusing (decompression bomb?)`;
  }
  if (compression !== "none" && uncompressedBytes > limits.ratioAfterBytes && uncompressedBytes > storedBytes * limits.maxRatio) {
    return `decompression ratio above ${limits.maxRatio}:1 after ${uncompressedBytes} bytes; refusing (decompression bomb?)`;
  }
  return null;
}
function envBytes(env, name) {
  const raw = env[name];
  if (!raw) return void 0;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : void 0;
}
function describeStreamError(error) {
  const e = error;
  if (e.code === "Z_BUF_ERROR" || e.code === "ERR_STREAM_PREMATURE_CLOSE") return "unexpected end of data (truncated?)";
  if (e.code === "Z_DATA_ERROR") return `corrupt data (${e.message ?? "bad compressed stream"})`;
  return e.message ?? String(error);
}

// src/layers/tar-walker.ts
import zlib3 from "node:zlib";
var crc32 = zlib3.crc32;
var TarWalker = class {
  reader;
  constructor(out) {
    const hashing = out.fingerprint && crc32 !== void 0;
    const packages = out.packages;
    let entry = -1;
    let crc = 0;
    let hash = false;
    let capture = false;
    this.reader = new TarEntryReader({
      entry(h) {
        const link = h.linkpath === null ? null : h.kind === TarKind.hardlink ? normalizeEntryPath(h.linkpath) : h.linkpath;
        const path = normalizeEntryPath(h.path);
        entry = out.add(path, h.kind, h.size, h.mode, h.uid, h.gid, link);
        crc = 0;
        hash = hashing && h.kind === TarKind.file;
        capture = packages.wants(path, h.kind === TarKind.file && !h.sparse, h.size);
        return hash || capture;
      },
      data(piece) {
        if (hash) crc = crc32(piece, crc);
        if (capture) packages.data(piece);
      },
      dataEnd() {
        if (hash) out.setCrc(entry, crc);
        if (capture) packages.dataEnd();
      }
    });
  }
  get finished() {
    return this.reader.finished;
  }
  /** Uncompressed tar bytes walked so far. */
  get offset() {
    return this.reader.offset;
  }
  /** Feeds uncompressed tar bytes. Throws `TarFormatError` on a malformed archive. */
  push(chunk) {
    this.reader.push(chunk);
  }
  /** Call at the end of the stream: throws when it ended inside an entry. */
  end() {
    this.reader.end();
  }
};

// src/layers/layer-scanner.ts
var ScanError = class extends Error {
};
var LayerScanner = class {
  builder;
  walker;
  limits;
  head = [];
  headBytes = 0;
  compression = null;
  decompressor = null;
  failure = null;
  storedBytes = 0;
  tarBytes = 0;
  /**
   * Fires at the first failure. Every wait on the decompressor races it: a destroyed stream may
   * never call a write callback back nor emit another event, and such a wait would never settle.
   */
  failed = new AbortController();
  constructor(options) {
    this.builder = new LayerIndexBuilder(options.fingerprint);
    this.walker = new TarWalker(this.builder);
    this.limits = options.limits ?? bombLimitsFrom(process.env);
  }
  /** Accepts stored bytes; resolves when they are consumed (the caller's backpressure). */
  async write(chunk) {
    this.throwIfFailed();
    this.storedBytes += chunk.length;
    if (this.compression === null) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < MAGIC_BYTES) return;
      const head = this.head.length === 1 ? chunk : Buffer.concat(this.head);
      this.head = [];
      this.start(sniffCompression(head));
      return this.feed(head);
    }
    return this.feed(chunk);
  }
  async end() {
    this.throwIfFailed();
    if (this.compression === null) {
      const head = Buffer.concat(this.head);
      this.head = [];
      this.start(sniffCompression(head));
      if (head.length > 0) await this.feed(head);
    }
    const d = this.decompressor;
    if (d) {
      const done = finished(d);
      d.end();
      await this.untilFailed(done);
    }
    try {
      this.walker.end();
    } catch (error) {
      this.fail(error);
    }
    this.throwIfFailed();
    if (this.builder.count === 0 && this.tarBytes > 0 && !this.walker.finished) throw new ScanError("not a tar stream");
    return this.builder.finish({ tarBytes: this.tarBytes, storedBytes: this.storedBytes, compression: this.compression ?? "none" });
  }
  /** Stops early (the caller gave up); frees the decompressor and settles any wait in progress. */
  destroy() {
    this.fail(new ScanError("scan stopped"));
  }
  start(compression) {
    this.compression = compression;
    let d;
    try {
      d = createDecompressor(compression);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!d) return;
    this.decompressor = d;
    d.on("data", (out) => this.onTar(out));
    d.on("error", (error) => this.fail(error));
  }
  feed(chunk) {
    this.throwIfFailed();
    const d = this.decompressor;
    if (!d) {
      this.onTar(chunk);
      this.throwIfFailed();
      return Promise.resolve();
    }
    return this.untilFailed(new Promise((resolve, reject) => d.write(chunk, (error) => error ? reject(error) : resolve())));
  }
  /** Waits for `step`, or for the first failure, whichever comes first; throws the failure. */
  async untilFailed(step) {
    const signal = this.failed.signal;
    if (signal.aborted) {
      step.catch(() => void 0);
      this.throwIfFailed();
    }
    let onAbort;
    const aborted = new Promise((resolve) => {
      onAbort = () => resolve();
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      await Promise.race([step, aborted]);
    } catch (error) {
      this.fail(error);
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
    step.catch(() => void 0);
    this.throwIfFailed();
  }
  onTar(chunk) {
    if (this.failure) return;
    this.tarBytes += chunk.length;
    const bomb = bombReason(this.limits, this.compression ?? "none", this.tarBytes, this.storedBytes);
    if (bomb !== null) {
      this.fail(new ScanError(bomb));
      return;
    }
    if (this.walker.finished) return;
    try {
      this.walker.push(chunk);
    } catch (error) {
      this.fail(error);
    }
  }
  fail(error) {
    if (this.failure) return;
    const e = error;
    this.failure = e instanceof ScanError ? e : new ScanError(e instanceof TarFormatError || e instanceof EntryLimitError ? e.message : this.describe(e));
    this.failed.abort();
    this.decompressor?.destroy();
  }
  describe(error) {
    const what = this.compression && this.compression !== "none" ? `${this.compression} layer` : "layer";
    return `cannot read ${what}: ${describeStreamError(error)}`;
  }
  throwIfFailed() {
    if (this.failure) throw this.failure;
  }
};

// src/layers/scan-worker.ts
if (!isMainThread && parentPort) {
  const port = parentPort;
  let scanner = null;
  let job = -1;
  let failed = false;
  let queue = Promise.resolve();
  const reply = (message, transfer = []) => port.postMessage(message, transfer);
  const ack = (jobId, data) => reply({ type: "ack", job: jobId, buffer: data.buffer }, [data.buffer]);
  const handle = async (message) => {
    switch (message.type) {
      case "start":
        scanner?.destroy();
        scanner = new LayerScanner({ fingerprint: message.fingerprint, ...message.limits ? { limits: message.limits } : {} });
        job = message.job;
        failed = false;
        return;
      case "chunk":
        if (!failed && scanner && message.job === job) await scanner.write(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength));
        ack(message.job, message.data);
        return;
      case "end": {
        if (failed || !scanner || message.job !== job) return;
        const index = await scanner.end();
        scanner = null;
        reply({ type: "done", job: message.job, index }, transferList(index));
        return;
      }
    }
  };
  port.on("message", (message) => {
    queue = queue.then(() => handle(message)).catch((error) => {
      if (message.type === "chunk") reply({ type: "ack", job: message.job, buffer: new ArrayBuffer(0) });
      if (!failed) reply({ type: "error", job: message.job, message: error?.message ?? String(error) });
      failed = true;
      scanner?.destroy();
      scanner = null;
    });
  });
}
