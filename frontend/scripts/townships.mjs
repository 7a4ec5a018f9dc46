// Derives src/data/townships.json (districts and townships of 朝阳市 211300) from the
// National Bureau of Statistics 2023 division codes kept in ../shared/data/codes.
// Run: npm run townships [-- <codes-dir>]. The output is committed; the build does not need the CSVs.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const here = fileURLToPath(new URL('.', import.meta.url))
const codes = process.argv[2] ?? join(here, '../../../shared/data/codes')
const city = '2113'

function rows(file) {
  const [header, ...lines] = readFileSync(join(codes, file), 'utf8').trim().split(/\r?\n/)
  const names = header.split(',')
  return lines.map((line) => {
    const cells = line.split(',').map((cell) => cell.replace(/^"|"$/g, ''))
    return Object.fromEntries(names.map((name, i) => [name, cells[i]]))
  })
}

const districts = rows('cn_admin_divisions_2023_areas.csv')
  .filter((area) => area.cityCode === city)
  .map((area) => ({ code: area.code, name: area.name, townships: [] }))
const byCode = new Map(districts.map((d) => [d.code, d]))
for (const street of rows('cn_admin_divisions_2023_streets_chaoyang_211300.csv')) {
  byCode.get(street.areaCode)?.townships.push({ code: street.code, name: street.name })
}

const out = {
  attribution:
    '国家统计局 2023 统计用区划代码 (cut-off 2023-06-30), via modood/Administrative-divisions-of-China dist/*.csv',
  city: { code: '211300', name: '朝阳市' },
  districts,
}
writeFileSync(join(here, '../src/data/townships.json'), JSON.stringify(out, null, 1) + '\n')
console.log(`${districts.length} districts, ${districts.reduce((n, d) => n + d.townships.length, 0)} townships`)
