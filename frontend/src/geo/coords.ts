/**
 * WGS-84 (GPS, what Liandong stores) and GCJ-02 (the offset datum of Chinese web maps and the
 * shipped DataV boundaries). The offset is a published closed-form function of the WGS-84 point
 * on the Krasovsky 1940 ellipsoid; its inverse has no closed form, so we iterate.
 */
export interface LatLon {
  lat: number
  lon: number
}

const SEMI_MAJOR = 6378245.0
const ECCENTRICITY_SQUARED = 0.00669342162296594323

/** The offset applies only inside China's rough bounding box; elsewhere both datums coincide. */
export function outsideChina({ lat, lon }: LatLon): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function waves(a: number, b: number, c: number, d: number, u: number, v: number): number {
  return ((a * Math.sin(6 * u * Math.PI) + a * Math.sin(2 * u * Math.PI)) * 2) / 3 +
    ((b * Math.sin(v * Math.PI) + c * Math.sin((v / 3) * Math.PI)) * 2) / 3 +
    ((d * Math.sin((v / 12) * Math.PI) + 2 * d * Math.sin((v / 30) * Math.PI)) * 2) / 3
}

function latShift(x: number, y: number): number {
  const base = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  return base + waves(20, 20, 40, 160, x, y)
}

function lonShift(x: number, y: number): number {
  const base = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  return base + waves(20, 20, 40, 150, x, x)
}

function offset(point: LatLon): LatLon {
  const x = point.lon - 105
  const y = point.lat - 35
  const radLat = (point.lat / 180) * Math.PI
  const sinLat = Math.sin(radLat)
  const magic = 1 - ECCENTRICITY_SQUARED * sinLat * sinLat
  const sqrtMagic = Math.sqrt(magic)
  const dLat = (latShift(x, y) * 180) / (((SEMI_MAJOR * (1 - ECCENTRICITY_SQUARED)) / (magic * sqrtMagic)) * Math.PI)
  const dLon = (lonShift(x, y) * 180) / ((SEMI_MAJOR / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { lat: dLat, lon: dLon }
}

/** WGS-84 to GCJ-02. */
export function wgs84ToGcj02(point: LatLon): LatLon {
  if (outsideChina(point)) return { ...point }
  const d = offset(point)
  return { lat: point.lat + d.lat, lon: point.lon + d.lon }
}

/** GCJ-02 to WGS-84, by fixed-point iteration to about a millimetre. */
export function gcj02ToWgs84(point: LatLon): LatLon {
  if (outsideChina(point)) return { ...point }
  let guess = { lat: point.lat, lon: point.lon }
  for (let i = 0; i < 10; i++) {
    const there = wgs84ToGcj02(guess)
    const dLat = there.lat - point.lat
    const dLon = there.lon - point.lon
    guess = { lat: guess.lat - dLat, lon: guess.lon - dLon }
    if (Math.abs(dLat) < 1e-9 && Math.abs(dLon) < 1e-9) break
  }
  return guess
}

/** Great-circle distance in metres (haversine on a sphere of the mean Earth radius). */
export function distanceMeters(a: LatLon, b: LatLon): number {
  const r = 6371008.8
  const dLat = ((b.lat - a.lat) * Math.PI) / 180
  const dLon = ((b.lon - a.lon) * Math.PI) / 180
  const h = Math.sin(dLat / 2) ** 2 +
    Math.cos((a.lat * Math.PI) / 180) * Math.cos((b.lat * Math.PI) / 180) * Math.sin(dLon / 2) ** 2
  return 2 * r * Math.asin(Math.sqrt(h))
}

export type CoordSystem = 'WGS84' | 'GCJ02'

/** Converts a stored WGS-84 point into the datum the map is drawn in. */
export function toDisplay(point: LatLon, system: CoordSystem): LatLon {
  return system === 'GCJ02' ? wgs84ToGcj02(point) : { ...point }
}

/** Converts a point picked on the map (in the map's datum) back to WGS-84 for storage. */
export function fromDisplay(point: LatLon, system: CoordSystem): LatLon {
  return system === 'GCJ02' ? gcj02ToWgs84(point) : { ...point }
}

type Position = number[]
type Geometry = { type: string; coordinates: unknown }

function mapPositions(coords: unknown, fn: (p: Position) => Position): unknown {
  if (Array.isArray(coords) && typeof coords[0] === 'number') return fn(coords as Position)
  return (coords as unknown[]).map((c) => mapPositions(c, fn))
}

/** Re-projects every [lon, lat] position of a GeoJSON geometry from GCJ-02 to WGS-84. */
export function geometryGcj02ToWgs84<G extends Geometry>(geometry: G): G {
  const convert = (p: Position): Position => {
    const w = gcj02ToWgs84({ lat: p[1], lon: p[0] })
    return [w.lon, w.lat]
  }
  return { ...geometry, coordinates: mapPositions(geometry.coordinates, convert) }
}
