// Packaging and the single source of truth: the proto comes from the repo's
// proto/, `npm pack` carries a copy of it, and index.d.ts type-checks.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const pkgDir = path.resolve(__dirname, '..');
const repoProto = path.resolve(pkgDir, '..', '..', 'proto');
const protoFile = path.join('literllm', 'v1', 'llm_service.proto');

test('in the repository the client loads proto/ itself (no stale copy)', () => {
  assert.ok(!fs.existsSync(path.join(pkgDir, 'proto')),
    'clients/node/proto/ exists: a leftover of `npm pack`; delete it (postpack should have)');
  const code = `process.stdout.write(require(${JSON.stringify(pkgDir)}).protoDir())`;
  const env = { ...process.env };
  delete env.LITERLLM_PROTO_DIR;
  assert.equal(execFileSync(process.execPath, ['-e', code], { env }).toString(), repoProto);
});

test('npm pack ships the proto; the unpacked package loads it', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'literllm-node-pack-'));
  try {
    // A copy of the repo layout (clients/node + proto) so packing never
    // touches the working tree other tests are reading.
    const src = path.join(tmp, 'repo', 'clients', 'node');
    fs.mkdirSync(src, { recursive: true });
    for (const f of ['package.json', 'index.js', 'index.d.ts', 'README.md', 'scripts']) {
      fs.cpSync(path.join(pkgDir, f), path.join(src, f), { recursive: true });
    }
    fs.cpSync(repoProto, path.join(tmp, 'repo', 'proto'), { recursive: true });
    const out = execFileSync('npm', ['pack', '--offline', '--json', '--pack-destination', tmp],
      { cwd: src, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    const info = JSON.parse(out.slice(out.indexOf('[')))[0];
    const files = info.files.map((f) => f.path);
    assert.ok(files.includes('proto/literllm/v1/llm_service.proto'), `packed files: ${files}`);
    assert.ok(files.includes('index.d.ts'));
    assert.ok(!fs.existsSync(path.join(src, 'proto')), 'postpack removes the copy');

    const unpacked = path.join(tmp, 'unpacked');
    fs.mkdirSync(unpacked);
    execFileSync('tar', ['xzf', path.join(tmp, info.filename), '-C', unpacked]);
    const installed = path.join(unpacked, 'package');
    fs.symlinkSync(path.join(pkgDir, 'node_modules'), path.join(installed, 'node_modules'));
    const code = `process.stdout.write(require(${JSON.stringify(installed)}).protoDir())`;
    const env = { ...process.env };
    delete env.LITERLLM_PROTO_DIR;
    const dir = execFileSync(process.execPath, ['-e', code], { env }).toString();
    assert.equal(dir, path.join(installed, 'proto'));
    assert.deepEqual(fs.readFileSync(path.join(dir, protoFile)), fs.readFileSync(path.join(repoProto, protoFile)));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('index.d.ts type-checks a liter-llm-style program (tsc --noEmit)', () => {
  const tsc = path.join(pkgDir, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(__dirname, 'types', 'tsconfig.json')], { stdio: 'inherit' });
});
