#!/usr/bin/env node
// Fails an app's build when the JavaScript a first visit downloads (the entry
// script and the chunks index.html preloads) exceeds its budget (DESIGN.md).
//
//   node scripts/check-bundle-budget.mjs <dist dir> <budget in kB gzip>
//
// Shared by every app of the workspace (apps/vue: 70 kB, apps/react: 100 kB).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const [distArg, budgetArg] = process.argv.slice(2)
const BUDGET_KB = Number(budgetArg)
if (!distArg || !Number.isFinite(BUDGET_KB) || BUDGET_KB <= 0) {
  console.error('usage: check-bundle-budget.mjs <dist dir> <budget kB gzip>')
  process.exit(2)
}
const distDir = path.resolve(process.cwd(), distArg)

const html = await readFile(path.join(distDir, 'index.html'), 'utf8')
const scripts = new Set()
for (const match of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.js)"[^>]*>/g)) {
  scripts.add(match[1])
}
if (scripts.size === 0) {
  console.error(`check-bundle-budget: no scripts found in ${path.join(distArg, 'index.html')}`)
  process.exit(1)
}

let total = 0
for (const src of scripts) {
  const file = path.join(distDir, src.replace(/^\//, ''))
  const size = gzipSync(await readFile(file), { level: 9 }).length
  total += size
  console.log(`  ${src}  ${(size / 1024).toFixed(2)} kB gzip`)
}

const totalKb = total / 1024
console.log(`Initial JS: ${totalKb.toFixed(2)} kB gzip (budget ${BUDGET_KB} kB)`)
if (totalKb > BUDGET_KB) {
  console.error(`Initial JS is over budget by ${(totalKb - BUDGET_KB).toFixed(2)} kB`)
  process.exit(1)
}
