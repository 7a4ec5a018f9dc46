// Runs `npm ci` unless node_modules was installed from exactly this package-lock.json, so a
// repeated Maven build does not reinstall; a clean clone (CI) always installs.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const root = fileURLToPath(new URL('..', import.meta.url))
const lock = createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex')
const marker = join(root, 'node_modules', '.liandong-lock-sha256')

if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === lock) {
  console.log('front end: node_modules matches package-lock.json, npm ci skipped')
} else {
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm']
  const [command, ...prefix] = npm
  const result = spawnSync(command, [...prefix, 'ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
  writeFileSync(marker, lock + '\n')
}
