// Runs `npm run build` (i18n check, unit tests, type check, Vite) unless the console's sources
// are unchanged since the last build into target/classes/static. Every Maven compile runs this,
// so an unchanged front end costs a hash, not a build.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join, relative } from 'node:path'

const root = fileURLToPath(new URL('..', import.meta.url))
const output = join(root, '..', 'target', 'classes', 'static', 'index.html')
const marker = join(root, '..', 'target', 'frontend-build.sha256')
const inputs = ['src', 'public', 'scripts', 'index.html', 'package.json', 'package-lock.json', 'vite.config.ts',
  'tsconfig.json']

function walk(path, out) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) walk(join(path, name), out)
  } else {
    out.push(path)
  }
  return out
}

const hash = createHash('sha256')
for (const input of inputs) {
  for (const file of walk(join(root, input), [])) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  }
}
const digest = hash.digest('hex')

if (existsSync(output) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === digest) {
  console.log('front end: unchanged since the last build, skipped')
} else {
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm']
  const [command, ...prefix] = npm
  const result = spawnSync(command, [...prefix, 'run', 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
  mkdirSync(dirname(marker), { recursive: true })
  writeFileSync(marker, digest + '\n')
}
