#!/usr/bin/env node
// A clientsync delivery command (docs/secrets.md): one JSON file per account,
// <directory>/<accountId>.json = { "<clientId>": { "secret", "reason", "at", "revision" }, … },
// mode 0600, replaced atomically (a reader sees the old file or the whole new one). Reads the
// delivery document on stdin (stdin: json):
//
//   - name: account-files
//     command: [node, /etc/clientsync/file-per-account.mjs, /var/lib/clientsync/accounts]
//     stdin: json
//
// Deliveries of one run may run at once for different clients of an account: a lock file per
// account (created exclusively, retried for a while) keeps their writes from losing each other.
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';

const [directory] = process.argv.slice(2);
if (!directory) throw new Error('usage: file-per-account.mjs DIRECTORY');
const doc = JSON.parse(readFileSync(0, 'utf8'));
mkdirSync(directory, { recursive: true, mode: 0o700 });
const file = join(directory, `${doc.accountId}.json`);
const lock = `${file}.lock`;

let fd;
for (let tries = 0; fd === undefined; tries++) {
  try {
    fd = openSync(lock, 'wx', 0o600);
  } catch (error) {
    if (error.code !== 'EEXIST' || tries > 200) throw error;
    await sleep(50);
  }
}
try {
  let all = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  all[doc.clientId] = { secret: doc.secret, reason: doc.reason, at: doc.at, revision: doc.revision };
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
} finally {
  closeSync(fd);
  rmSync(lock, { force: true });
}
console.log(`stored ${doc.clientId} in ${doc.accountId}.json`);
