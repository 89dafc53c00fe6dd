#!/usr/bin/env node
// Fails the build when the JavaScript a first visit downloads (the entry script
// and the chunks index.html preloads) exceeds the budget in DESIGN.md.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BUDGET_KB = 70
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist')

const html = await readFile(path.join(distDir, 'index.html'), 'utf8')
const scripts = new Set()
for (const match of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+\.js)"[^>]*>/g)) {
  scripts.add(match[1])
}
if (scripts.size === 0) {
  console.error('check-bundle-budget: no scripts found in dist/index.html')
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
