/**
 * A loopback stand-in for the GitHub REST API, enough for the action: the token's identity (REST
 * `GET /user` and GraphQL `viewer`), pull requests (get, list filtered by `head`), issue comments
 * (paginated, get, create, update, delete), workflow runs, run artifacts, and artifact downloads
 * (302 to a loopback URL serving a real zip, as api.github.com redirects to blob storage). Every
 * request is recorded for assertions; a hook can change the state before a request is answered
 * (a concurrent run, a comment deleted meanwhile).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

export interface FakeUser {
  login: string;
  type: string;
  id?: number;
}

export interface FakeRepo {
  id: number;
  full_name: string;
  owner: { login: string };
}

export interface FakePull {
  number: number;
  state?: 'open' | 'closed';
  head: { sha: string; ref: string; repo: FakeRepo | null };
  base?: { ref: string; repo: FakeRepo };
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: FakeUser;
}

export interface FakeRun {
  id: number;
  run_number: number;
  workflow: string;
  head_branch: string;
  event: string;
  conclusion: 'success' | 'failure';
  head_repository?: { full_name: string };
}

export interface FakeArtifact {
  id: number;
  runId: number;
  name: string;
  expired?: boolean;
  /** Files inside the artifact's zip. */
  files: Array<{ name: string; data: Buffer }>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeGitHubOptions {
  owner?: string;
  repo?: string;
  /** The identity comments are written as (GITHUB_TOKEN: github-actions[bot]). */
  tokenUser?: FakeUser;
  /** `GET /user` answers with the user (a PAT) instead of 403 (an installation token). */
  userEndpoint?: boolean;
  /**
   * GraphQL `viewer`: `login` answers with the token user's login (`[bot]` kept, as GitHub answers
   * installation tokens), `bare` without the `[bot]` suffix (as GraphQL names bots elsewhere),
   * `refused` answers 401 (a server without GraphQL). Default `login`.
   */
  viewer?: 'login' | 'bare' | 'refused';
  /** Runs before each request is routed, with the request as recorded; may change the state. */
  hook?: (request: RecordedRequest, state: FakeGitHub) => void;
  /** Comment writes answer 403 "Resource not accessible by integration" (fork PR token). */
  readOnly?: boolean;
  /** Actions endpoints answer 403 (no `actions: read`). */
  actionsForbidden?: boolean;
  perPage?: number;
}

export interface FakeGitHub {
  url: string;
  owner: string;
  repo: string;
  requests: RecordedRequest[];
  comments: FakeComment[];
  runs: FakeRun[];
  artifacts: FakeArtifact[];
  pulls: FakePull[];
  options: FakeGitHubOptions;
  addComment(issue: number, body: string, user?: FakeUser): FakeComment;
  /** The repository itself, as the fake describes it in pull requests. */
  baseRepo: FakeRepo;
  close(): Promise<void>;
}

export const GITHUB_ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot', id: 41898282 };

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'app';
  const tokenUser = options.tokenUser ?? GITHUB_ACTIONS_BOT;
  let nextId = 1000;
  const state: FakeGitHub = {
    url: '',
    owner,
    repo,
    requests: [],
    comments: [],
    runs: [],
    artifacts: [],
    pulls: [],
    baseRepo: { id: 700000001, full_name: `${owner}/${repo}`, owner: { login: owner } },
    options,
    addComment(issue, body, user = tokenUser) {
      const comment = { id: nextId++, issue, body, user };
      state.comments.push(comment);
      return comment;
    },
    close: async () => {},
  };
  const commentJson = (c: FakeComment) => ({
    id: c.id,
    body: c.body,
    user: c.user,
    html_url: `https://github.com/${owner}/${repo}/pull/${c.issue}#issuecomment-${c.id}`,
  });

  const pullJson = (p: FakePull) => ({
    number: p.number,
    state: p.state ?? 'open',
    head: { ...p.head, label: `${p.head.repo?.owner.login ?? 'unknown'}:${p.head.ref}` },
    base: p.base ?? { ref: 'main', repo: state.baseRepo },
  });

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', state.url);
    const text = await readBody(req);
    const body: unknown = text ? JSON.parse(text) : undefined;
    const method = req.method ?? 'GET';
    const recorded: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body,
    };
    state.requests.push(recorded);
    options.hook?.(recorded, state);
    const route = `${method} ${url.pathname}`;
    const prefix = `/repos/${owner}/${repo}`;
    let m: RegExpExecArray | null;

    if (route === 'GET /user') {
      return options.userEndpoint ? send(res, 200, tokenUser) : send(res, 403, { message: 'Resource not accessible by integration' });
    }
    if (route === 'POST /graphql') {
      const raw = (body as { query?: unknown } | undefined)?.query;
      const query = typeof raw === 'string' ? raw : '';
      if (options.viewer === 'refused') return send(res, 401, { message: 'Bad credentials' });
      if (!/viewer\s*\{/.test(query)) return send(res, 200, { errors: [{ message: `fake-github: no GraphQL for ${query}` }] });
      const login = options.viewer === 'bare' ? tokenUser.login.replace(/\[bot\]$/, '') : tokenUser.login;
      return send(res, 200, { data: { viewer: { login, __typename: tokenUser.type === 'Bot' ? 'Bot' : 'User' } } });
    }
    if ((m = new RegExp(`^GET ${prefix}/pulls/(\\d+)$`).exec(route))) {
      const pull = state.pulls.find((p) => p.number === Number(m?.[1]));
      return pull ? send(res, 200, pullJson(pull)) : send(res, 404, { message: 'Not Found' });
    }
    if (route === `GET ${prefix}/pulls`) {
      const wanted = url.searchParams.get('state') ?? 'open';
      const head = url.searchParams.get('head');
      const pulls = state.pulls
        .filter((p) => wanted === 'all' || (p.state ?? 'open') === wanted)
        // GitHub's `head=OWNER:BRANCH`: the head repository's owner and the head branch.
        .filter((p) => !head || `${p.head.repo?.owner.login ?? ''}:${p.head.ref}`.toLowerCase() === head.toLowerCase())
        .map(pullJson);
      return send(res, 200, pulls);
    }
    if ((m = new RegExp(`^GET ${prefix}/issues/comments/(\\d+)$`).exec(route))) {
      const comment = state.comments.find((c) => c.id === Number(m?.[1]));
      return comment ? send(res, 200, commentJson(comment)) : send(res, 404, { message: 'Not Found' });
    }
    if ((m = new RegExp(`^(GET|POST) ${prefix}/issues/(\\d+)/comments$`).exec(route))) {
      const issue = Number(m[2]);
      if (m[1] === 'GET') {
        const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), options.perPage ?? 100);
        const page = Number(url.searchParams.get('page') ?? 1);
        const all = state.comments.filter((c) => c.issue === issue);
        const last = Math.max(1, Math.ceil(all.length / perPage));
        const headers: Record<string, string> = {};
        if (page < last) {
          const next = new URL(url);
          next.searchParams.set('page', String(page + 1));
          next.searchParams.set('per_page', String(perPage));
          headers['link'] = `<${next.toString()}>; rel="next"`;
        }
        return send(res, 200, all.slice((page - 1) * perPage, page * perPage).map(commentJson), headers);
      }
      if (options.readOnly) return send(res, 403, { message: 'Resource not accessible by integration' });
      return send(res, 201, commentJson(state.addComment(issue, (body as { body: string }).body)));
    }
    if ((m = new RegExp(`^(PATCH|DELETE) ${prefix}/issues/comments/(\\d+)$`).exec(route))) {
      const comment = state.comments.find((c) => c.id === Number(m?.[2]));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      if (options.readOnly) return send(res, 403, { message: 'Resource not accessible by integration' });
      if (m[1] === 'DELETE') {
        state.comments.splice(state.comments.indexOf(comment), 1);
        return send(res, 204, null);
      }
      comment.body = (body as { body: string }).body;
      return send(res, 200, commentJson(comment));
    }
    if (url.pathname.startsWith(`${prefix}/actions/`) && options.actionsForbidden) {
      return send(res, 403, { message: 'Resource not accessible by integration' });
    }
    if ((m = new RegExp(`^GET ${prefix}/actions/workflows/([^/]+)/runs$`).exec(route))) {
      const workflow = decodeURIComponent(m[1] ?? '');
      const branch = url.searchParams.get('branch');
      const status = url.searchParams.get('status');
      const runs = state.runs
        .filter((r) => r.workflow === workflow && (!branch || r.head_branch === branch) && (!status || r.conclusion === status))
        .sort((a, b) => b.id - a.id)
        .map((r) => ({
          ...r,
          html_url: `https://github.com/${owner}/${repo}/actions/runs/${r.id}`,
          head_repository: r.head_repository ?? { full_name: `${owner}/${repo}` },
        }));
      return send(res, 200, { total_count: runs.length, workflow_runs: runs });
    }
    if ((m = new RegExp(`^GET ${prefix}/actions/runs/(\\d+)/artifacts$`).exec(route))) {
      const runId = Number(m[1]);
      const name = url.searchParams.get('name');
      const artifacts = state.artifacts
        .filter((a) => a.runId === runId && (!name || a.name === name))
        .map((a) => ({ id: a.id, name: a.name, expired: a.expired ?? false, size_in_bytes: zip(a.files).length }));
      return send(res, 200, { total_count: artifacts.length, artifacts });
    }
    if ((m = new RegExp(`^GET ${prefix}/actions/artifacts/(\\d+)/zip$`).exec(route))) {
      const artifact = state.artifacts.find((a) => a.id === Number(m?.[1]));
      if (!artifact) return send(res, 404, { message: 'Not Found' });
      if (artifact.expired) return send(res, 410, { message: 'Artifact has expired' });
      res.writeHead(302, { location: `${state.url}/_blob/${artifact.id}.zip?sig=secret` }).end();
      return;
    }
    if ((m = /^GET \/_blob\/(\d+)\.zip$/.exec(route))) {
      const artifact = state.artifacts.find((a) => a.id === Number(m?.[1]));
      if (!artifact) return send(res, 404, { message: 'Not Found' });
      const data = zip(artifact.files);
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': data.length }).end(data);
      return;
    }
    send(res, 404, { message: `fake-github: no route for ${route}` });
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function send(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
  if (data === null) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(data);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A zip of stored (uncompressed) entries, as small as the format allows. */
export function zip(files: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const crc = crc32(file.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(file.data.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(file.data.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, file.data);
    centrals.push(central, name);
    offset += local.length + name.length + file.data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
