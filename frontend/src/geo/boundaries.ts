import { geometryGcj02ToWgs84, wgs84ToGcj02, type CoordSystem, type LatLon } from './coords'

/** The city's county-level boundaries, shipped as GCJ-02 GeoJSON (see public/geo/ATTRIBUTION.md). */
export const BOUNDARIES_URL = '/geo/chaoyang_211300.geojson'

export interface DistrictFeature {
  type: 'Feature'
  properties: { adcode: number; name: string; center?: [number, number] }
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] }
}

export interface Boundaries {
  type: 'FeatureCollection'
  features: DistrictFeature[]
}

let raw: Promise<Boundaries> | null = null
const projected = new Map<CoordSystem, Promise<Boundaries>>()

function loadRaw(): Promise<Boundaries> {
  raw ??= fetch(BOUNDARIES_URL).then((r) => {
    if (!r.ok) throw new Error(`boundaries not found at ${BOUNDARIES_URL}: HTTP ${r.status}`)
    return r.json() as Promise<Boundaries>
  })
  return raw
}

/** The boundaries in the datum the map is drawn in: as shipped for GCJ-02, converted for WGS-84. */
export function boundariesIn(system: CoordSystem): Promise<Boundaries> {
  let result = projected.get(system)
  if (!result) {
    result = loadRaw().then((fc) =>
      system === 'GCJ02'
        ? fc
        : { ...fc, features: fc.features.map((f) => ({ ...f, geometry: geometryGcj02ToWgs84(f.geometry) })) },
    )
    projected.set(system, result)
  }
  return result
}

/** Ray casting on one ring of [lon, lat] positions. */
export function inRing(lon: number, lat: number, ring: number[][]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Whether a [lon, lat] lies in a polygon (outer ring minus holes) or any polygon of a multipolygon. */
export function inGeometry(lon: number, lat: number, geometry: DistrictFeature['geometry']): boolean {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][]
  return polygons.some(([outer, ...holes]) => inRing(lon, lat, outer) && !holes.some((h) => inRing(lon, lat, h)))
}

/** The 6-digit code of the district a WGS-84 point lies in, tested against the GCJ-02 boundaries. */
export function districtIn(fc: Boundaries, point: LatLon): string | undefined {
  const gcj = wgs84ToGcj02(point)
  return fc.features.find((f) => inGeometry(gcj.lon, gcj.lat, f.geometry))?.properties.adcode.toString()
}

export async function districtAt(point: LatLon): Promise<string | undefined> {
  return districtIn(await loadRaw(), point)
}
