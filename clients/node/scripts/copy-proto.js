#!/usr/bin/env node
// prepack: copies the repository's proto/ (the one source of truth) into the
// package so `npm pack` / installed copies carry it. postpack (--clean)
// removes the copy again so the working tree keeps loading ../../proto.
'use strict';
const fs = require('fs');
const path = require('path');

const pkgDir = path.resolve(__dirname, '..');
const dest = path.join(pkgDir, 'proto');
const src = path.resolve(pkgDir, '..', '..', 'proto');

if (process.argv.includes('--clean')) {
  fs.rmSync(dest, { recursive: true, force: true });
  process.exit(0);
}
if (!fs.existsSync(path.join(src, 'literllm', 'v1', 'llm_service.proto'))) {
  console.error(`copy-proto: ${src}/literllm/v1/llm_service.proto not found`);
  process.exit(1);
}
fs.rmSync(dest, { recursive: true, force: true });
fs.cpSync(src, dest, {
  recursive: true,
  filter: (p) => fs.statSync(p).isDirectory() || p.endsWith('.proto'),
});
console.error(`copy-proto: copied ${src} -> ${dest}`);
